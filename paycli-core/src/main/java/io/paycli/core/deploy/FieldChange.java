package io.paycli.core.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One field that differs between a live object and what it should be, named as kubectl names fields
 * ({@code spec.template.spec.containers[0].image}), with both values (null when absent).
 */
public record FieldChange(String path, Object live, Object expected) {

    @Override
    public String toString() {
        return path + ": " + (live == null ? "(none)" : live) + " (expected " + (expected == null ? "(none)"
                : expected) + ")";
    }

    /** The leaf fields that differ between two objects. */
    public static List<FieldChange> between(Map<String, Object> live, Map<String, Object> expected) {
        List<FieldChange> changes = new ArrayList<>();
        walk("", live, expected, changes);
        return changes;
    }

    @SuppressWarnings("unchecked")
    private static void walk(String path, Object live, Object expected, List<FieldChange> out) {
        if (live instanceof Map<?, ?> a && expected instanceof Map<?, ?> b) {
            TreeSet<String> keys = new TreeSet<>();
            ((Map<String, Object>) a).keySet().forEach(keys::add);
            ((Map<String, Object>) b).keySet().forEach(keys::add);
            for (String key : keys) {
                walk(path.isEmpty() ? key : path + "." + key, a.get(key), b.get(key), out);
            }
        } else if (live instanceof List<?> a && expected instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                walk(path + "[" + i + "]", a.get(i), b.get(i), out);
            }
        } else if (!Objects.equals(live, expected)) {
            out.add(new FieldChange(path, live, expected));
        }
    }
}
