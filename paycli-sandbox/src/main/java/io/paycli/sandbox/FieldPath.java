package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field that a manager can own. An applied object owns per label and annotation key, and one level below every
 * other top-level key (spec.replicas, spec.template, data.KEY): fine enough to see a handover of spec.replicas,
 * coarse enough to stay simple. An update owns the deepest map keys it changed, so that a small edit inside
 * spec.template (kubectl rollout restart) does not take the whole template. Keys are kept as a list because label
 * keys contain dots.
 */
record FieldPath(List<String> keys) {

    private static final Set<String> NOT_OWNED = Set.of("apiVersion", "kind", "metadata", "status");

    static FieldPath of(String... keys) {
        return new FieldPath(List.of(keys));
    }

    /** The owned fields present in an object. */
    static Set<FieldPath> in(Map<String, Object> object) {
        Set<FieldPath> paths = new LinkedHashSet<>();
        for (String section : List.of("labels", "annotations")) {
            Map<String, Object> entries = Json.map(object, "metadata", section);
            if (entries != null) {
                entries.keySet().forEach(k -> paths.add(of("metadata", section, k)));
            }
        }
        object.forEach((key, value) -> {
            if (NOT_OWNED.contains(key)) {
                return;
            }
            if (value instanceof Map && !((Map<?, ?>) value).isEmpty()) {
                ((Map<?, ?>) value).keySet().forEach(k -> paths.add(of(key, String.valueOf(k))));
            } else {
                paths.add(of(key));
            }
        });
        return paths;
    }

    /** Whether this path is the given one or lies inside it. */
    boolean within(FieldPath outer) {
        return keys.size() >= outer.keys.size() && keys.subList(0, outer.keys.size()).equals(outer.keys);
    }

    FieldPath child(String key) {
        List<String> longer = new ArrayList<>(keys);
        longer.add(key);
        return new FieldPath(longer);
    }

    Object valueIn(Map<String, Object> object) {
        Object node = object;
        for (String key : keys) {
            if (!(node instanceof Map)) {
                return null;
            }
            node = ((Map<?, ?>) node).get(key);
        }
        return node;
    }

    boolean presentIn(Map<String, Object> object) {
        Map<String, Object> parent = parentIn(object, false);
        return parent != null && parent.containsKey(last());
    }

    void setIn(Map<String, Object> object, Object value) {
        parentIn(object, true).put(last(), value);
    }

    void removeFrom(Map<String, Object> object) {
        Map<String, Object> parent = parentIn(object, false);
        if (parent != null) {
            parent.remove(last());
        }
    }

    private String last() {
        return keys.get(keys.size() - 1);
    }

    private Map<String, Object> parentIn(Map<String, Object> object, boolean create) {
        String[] parents = keys.subList(0, keys.size() - 1).toArray(new String[0]);
        if (parents.length == 0) {
            return object;
        }
        return create ? Json.mapOrCreate(object, parents) : Json.map(object, parents);
    }

    /** The way the API server prints a field in a conflict: .spec.replicas */
    @Override
    public String toString() {
        return "." + String.join(".", keys);
    }
}
