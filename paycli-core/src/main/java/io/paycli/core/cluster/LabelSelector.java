package io.paycli.core.cluster;

import java.util.List;
import java.util.Map;

/** A workload's spec.selector (matchLabels and matchExpressions), matched against pod labels. */
final class LabelSelector {

    private final Map<String, Object> selector;

    private LabelSelector(Map<String, Object> selector) {
        this.selector = selector;
    }

    /** The selector of a workload (the server fills in the one of a Job). */
    static LabelSelector of(Map<String, Object> workload) {
        return new LabelSelector(Fields.map(workload, "spec", "selector"));
    }

    boolean matches(Map<String, Object> labels) {
        if (selector.isEmpty()) {
            return false; // an empty selector would select every pod; it selects none here
        }
        for (Map.Entry<String, Object> wanted : Fields.map(selector, "matchLabels").entrySet()) {
            if (!String.valueOf(wanted.getValue()).equals(string(labels.get(wanted.getKey())))) {
                return false;
            }
        }
        for (Map<String, Object> expression : Fields.maps(selector, "matchExpressions")) {
            if (!matches(expression, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Map<String, Object> expression, Map<String, Object> labels) {
        String key = String.valueOf(expression.get("key"));
        String value = string(labels.get(key));
        Object raw = expression.get("values");
        List<?> values = raw instanceof List<?> list ? list : List.of();
        boolean listed = value != null && values.stream().anyMatch(v -> value.equals(String.valueOf(v)));
        return switch (String.valueOf(expression.get("operator"))) {
            case "In" -> listed;
            case "NotIn" -> !listed;
            case "Exists" -> value != null;
            case "DoesNotExist" -> value == null;
            default -> false;
        };
    }

    private static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
