package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The Targets cell of a HorizontalPodAutoscaler (autoscaling/v2): "cpu: 45%/80%", at most two metrics shown. */
final class AutoscalerTargets {

    private static final int SHOWN = 2;

    private AutoscalerTargets() {
    }

    @SuppressWarnings("unchecked")
    static String of(Map<String, Object> hpa) {
        List<Object> specs = Json.list(hpa, "spec", "metrics");
        if (specs.isEmpty()) {
            return "<none>";
        }
        List<Object> statuses = Json.list(hpa, "status", "currentMetrics");
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Map<String, Object> spec = (Map<String, Object>) specs.get(i);
            Map<String, Object> status = i < statuses.size() ? (Map<String, Object>) statuses.get(i) : Map.of();
            parts.add(metric(spec, status));
        }
        if (parts.size() <= SHOWN) {
            return String.join(", ", parts);
        }
        return String.join(", ", parts.subList(0, SHOWN)) + " + " + (parts.size() - SHOWN) + " more...";
    }

    private static String metric(Map<String, Object> spec, Map<String, Object> status) {
        String type = String.valueOf(spec.get("type"));
        return switch (type) {
            case "Resource", "ContainerResource" -> resource(spec, status, type.equals("Resource") ? "resource"
                    : "containerResource");
            case "Pods" -> current(status, "pods", "averageValue") + "/" + target(spec, "pods", "averageValue");
            case "Object", "External" -> {
                String source = type.equals("Object") ? "object" : "external";
                if (Json.string(spec, source, "target", "averageValue") != null) {
                    yield current(status, source, "averageValue") + "/" + target(spec, source, "averageValue")
                            + " (avg)";
                }
                yield current(status, source, "value") + "/" + target(spec, source, "value");
            }
            default -> "<unknown type>";
        };
    }

    private static String resource(Map<String, Object> spec, Map<String, Object> status, String source) {
        String name = Json.string(spec, source, "name");
        if (Json.string(spec, source, "target", "averageValue") != null) {
            return name + ": " + current(status, source, "averageValue") + "/" + target(spec, source, "averageValue");
        }
        String used = Json.string(status, source, "current", "averageUtilization");
        String wanted = Json.string(spec, source, "target", "averageUtilization");
        return name + ": " + (used == null ? "<unknown>" : used + "%") + "/" + (wanted == null ? "<auto>" : wanted + "%");
    }

    private static String current(Map<String, Object> status, String source, String field) {
        String value = Json.string(status, source, "current", field);
        return value == null ? "<unknown>" : value;
    }

    private static String target(Map<String, Object> spec, String source, String field) {
        String value = Json.string(spec, source, "target", field);
        return value == null ? "" : value;
    }
}
