package io.paycli.sandbox;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of an object that managers own, leaf by leaf, as the real server's field sets hold them: every scalar,
 * empty map and atomic list or struct is a leaf; an item of an associative list is a member of the set itself
 * (FieldsV1 writes it as ".") and owns its fields below; a set's members are leaves. apiVersion, kind, status and
 * the server's metadata are nobody's; labels, annotations, finalizers and ownerReferences are.
 */
final class Leaves {

    /** The value of a list item's own path: only its presence counts. */
    static final Object ITEM = new Object() {
        @Override
        public String toString() {
            return "(list item)";
        }
    };

    private static final Set<String> NOT_OWNED = Set.of("apiVersion", "kind", "metadata", "status");
    private static final List<String> OWNED_METADATA = List.of("labels", "annotations", "finalizers",
            "ownerReferences");

    private Leaves() {
    }

    /** Each owned leaf of the object with its value. */
    static Map<FieldPath, Object> of(Map<String, Object> object) {
        Map<FieldPath, Object> out = new LinkedHashMap<>();
        if (object == null) {
            return out;
        }
        Map<String, Object> metadata = Json.map(object, "metadata");
        if (metadata != null) {
            for (String key : OWNED_METADATA) {
                if (metadata.containsKey(key)) {
                    walk(FieldPath.of("metadata", key), key, metadata.get(key), out);
                }
            }
        }
        object.forEach((key, value) -> {
            if (!NOT_OWNED.contains(key)) {
                walk(FieldPath.of(key), key, value, out);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void walk(FieldPath path, String field, Object value, Map<FieldPath, Object> out) {
        if (value instanceof List && ((List<?>) value).isEmpty()
                && (ListKeys.isSet(field) || ListKeys.of(field, (List<?>) value) != null)) {
            return; // an empty set or list map owns no item, as on a real server
        }
        if (value instanceof Map && !((Map<?, ?>) value).isEmpty() && !atomic(field, (Map<?, ?>) value)) {
            ((Map<String, Object>) value).forEach((k, v) -> walk(path.field(k), k, v, out));
        } else if (value instanceof List && !((List<?>) value).isEmpty() && ListKeys.isSet(field)) {
            ((List<Object>) value).forEach(v -> out.put(path.child(ListKeys.valueElement(v)), v));
        } else if (value instanceof List && !((List<?>) value).isEmpty() && ListKeys.of(field, (List<?>) value) != null) {
            List<String> keys = ListKeys.of(field, (List<?>) value);
            for (Object item : (List<Object>) value) {
                FieldPath itemPath = path.child(ListKeys.element(keys, item));
                out.put(itemPath, ITEM);
                ((Map<String, Object>) item).forEach((k, v) -> walk(itemPath.field(k), k, v, out));
            }
        } else {
            out.put(path, value);
        }
    }

    /** A label selector is one value (structType atomic); a Service's selector map is not. */
    static boolean atomic(String field, Map<?, ?> value) {
        return "selector".equals(field) && (value.containsKey("matchLabels") || value.containsKey("matchExpressions"));
    }

    /** Equal as JSON values: 2 and 2L are the same number. */
    static boolean same(Object a, Object b) {
        if (a == b) {
            return true;
        }
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof Number && b instanceof Number) {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        }
        if (a instanceof Map && b instanceof Map) {
            Map<?, ?> x = (Map<?, ?>) a;
            Map<?, ?> y = (Map<?, ?>) b;
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        if (a instanceof List && b instanceof List) {
            List<?> x = (List<?>) a;
            List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }
}
