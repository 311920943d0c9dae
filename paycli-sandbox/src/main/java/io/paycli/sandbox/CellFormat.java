package io.paycli.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the API server writes the cells of a Table: ages, label maps, selectors, container lists. */
final class CellFormat {

    private CellFormat() {
    }

    /** The object's age, as the Age column prints it. */
    static String age(Map<String, Object> object) {
        return since(Json.string(object, "metadata", "creationTimestamp"));
    }

    /** The time since an RFC 3339 timestamp, in the server's short form ("5s", "3m20s", "2d4h"); "<unknown>" for none. */
    static String since(String timestamp) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return human(Duration.between(Instant.parse(timestamp), Instant.now()));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }

    /** A duration in the short form kubectl shows, precise for young objects and coarse for old ones. */
    static String human(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds < -1) {
            return "<invalid>";
        }
        if (seconds < 0) {
            return "0s";
        }
        if (seconds < 120) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 10) {
            return seconds % 60 == 0 ? minutes + "m" : minutes + "m" + seconds % 60 + "s";
        }
        if (minutes < 180) {
            return minutes + "m";
        }
        long hours = minutes / 60;
        if (hours < 8) {
            return minutes % 60 == 0 ? hours + "h" : hours + "h" + minutes % 60 + "m";
        }
        if (hours < 48) {
            return hours + "h";
        }
        long days = hours / 24;
        if (hours < 24 * 8) {
            return hours % 24 == 0 ? days + "d" : days + "d" + hours % 24 + "h";
        }
        if (days < 365 * 2) {
            return days + "d";
        }
        long years = days / 365;
        if (days < 365 * 8) {
            return days % 365 == 0 ? years + "y" : years + "y" + days % 365 + "d";
        }
        return years + "y";
    }

    /** A label map as "k=v,k2=v2" sorted by key; "<none>" when empty. */
    static String labels(Map<String, Object> labels) {
        if (labels == null || labels.isEmpty()) {
            return "<none>";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(labels).forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    /**
     * A label selector as the server writes it: requirements sorted by key ("app=web,tier in (a,b)"); {@code empty}
     * when it selects everything or is missing.
     */
    static String selector(Map<String, Object> selector, String empty) {
        if (selector == null) {
            return empty;
        }
        TreeMap<String, String> requirements = new TreeMap<>();
        Map<String, Object> matchLabels = Json.map(selector, "matchLabels");
        if (matchLabels != null) {
            matchLabels.forEach((k, v) -> requirements.put(k + "\u0000=", k + "=" + v));
        }
        for (Object e : Json.list(selector, "matchExpressions")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> expression = (Map<String, Object>) e;
            String key = String.valueOf(expression.get("key"));
            List<String> values = Json.list(expression, "values").stream().map(String::valueOf).sorted().toList();
            String operator = String.valueOf(expression.get("operator"));
            String text = switch (operator) {
                case "In" -> key + " in (" + String.join(",", values) + ")";
                case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
                case "Exists" -> key;
                case "DoesNotExist" -> "!" + key;
                default -> key + " " + operator;
            };
            requirements.put(key + "\u0000" + operator, text);
        }
        return requirements.isEmpty() ? empty : String.join(",", requirements.values());
    }

    /** The names and the images of a pod template's containers, each joined by commas. */
    static List<String> containers(Map<String, Object> template) {
        List<String> names = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (Object c : Json.list(template, "spec", "containers")) {
            Map<?, ?> container = (Map<?, ?>) c;
            names.add(String.valueOf(container.get("name")));
            images.add(String.valueOf(container.get("image")));
        }
        return List.of(String.join(",", names), String.join(",", images));
    }

    /** A whole number cell, 0 when absent, as the server's int64 cells. */
    static long count(Map<String, Object> object, String... keys) {
        return Json.number(object, 0, keys);
    }

    /** A string cell, or {@code fallback} when absent or empty. */
    static String text(Map<String, Object> object, String fallback, String... keys) {
        String value = Json.string(object, keys);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
