package io.paycli.core.cluster;

import java.util.List;
import java.util.Map;

/** Reads nested fields of Kubernetes objects held as plain maps and lists. */
final class Fields {

    private Fields() {
    }

    static Object at(Map<String, ?> object, String... path) {
        Object current = object;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static String string(Map<String, ?> object, String... path) {
        Object value = at(object, path);
        return value == null ? null : String.valueOf(value);
    }

    static long number(Map<String, ?> object, long fallback, String... path) {
        Object value = at(object, path);
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof String s) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
        return fallback;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, ?> object, String... path) {
        Object value = at(object, path);
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    /** The maps in a list field; other entries are skipped. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Map<String, ?> object, String... path) {
        Object value = at(object, path);
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(m -> (Map<String, Object>) m).toList();
    }

    /** The condition of a type in status.conditions, or an empty map. */
    static Map<String, Object> condition(Map<String, ?> object, String type) {
        return maps(object, "status", "conditions").stream().filter(c -> type.equals(c.get("type"))).findFirst()
                .orElse(Map.of());
    }
}
