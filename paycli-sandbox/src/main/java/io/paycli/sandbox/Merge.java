package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The merges the API server does on patches. Strategic merge merges lists of objects by their patch merge key, as
 * the built-in types declare it (see {@link ListKeys}): name for containers, env, volumes; the port number for
 * ports; mountPath for volume mounts. Other lists of objects merge by the first of those keys they all carry;
 * lists of scalars are replaced.
 */
final class Merge {

    private static final List<String> LIST_KEYS = List.of("name", "containerPort", "port", "mountPath", "ip");

    private Merge() {
    }

    /** RFC 7386 JSON merge patch: maps merge, null deletes, lists replace. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> jsonMergePatch(Map<String, Object> base, Map<String, Object> patch) {
        Map<String, Object> out = base == null ? new LinkedHashMap<>() : Json.copy(base);
        patch.forEach((key, value) -> {
            if (value == null) {
                out.remove(key);
            } else if (value instanceof Map && out.get(key) instanceof Map) {
                out.put(key, jsonMergePatch((Map<String, Object>) out.get(key), (Map<String, Object>) value));
            } else if (value instanceof Map) {
                out.put(key, jsonMergePatch(null, (Map<String, Object>) value));
            } else {
                out.put(key, Json.copy(value));
            }
        });
        return out;
    }

    /** Strategic merge patch: like a merge patch, but keyed lists merge item by item and $patch directives apply. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> strategic(Map<String, Object> base, Map<String, Object> patch) {
        if ("replace".equals(patch.get("$patch"))) {
            return withoutDirectives(patch);
        }
        Map<String, Object> out = base == null ? new LinkedHashMap<>() : Json.copy(base);
        patch.forEach((key, value) -> {
            if (key.startsWith("$")) {
                return;
            }
            Object current = out.get(key);
            if (value == null) {
                out.remove(key);
            } else if (value instanceof Map && current instanceof Map) {
                out.put(key, strategic((Map<String, Object>) current, (Map<String, Object>) value));
            } else if (value instanceof List && current instanceof List) {
                out.put(key, mergeLists(key, (List<Object>) current, (List<Object>) value));
            } else if (value instanceof Map) {
                out.put(key, strategic(null, (Map<String, Object>) value));
            } else {
                out.put(key, Json.copy(value));
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeLists(String field, List<Object> base, List<Object> patch) {
        List<String> declared = ListKeys.of(field, patch);
        String key = declared != null ? declared.get(0) : listKey(patch);
        if (key == null) {
            List<Object> replaced = new ArrayList<>();
            patch.forEach(item -> replaced.add(item instanceof Map ? withoutDirectives((Map<String, Object>) item)
                    : Json.copy(item)));
            return replaced;
        }
        List<Object> out = Json.copy(base);
        for (Object raw : patch) {
            Map<String, Object> item = (Map<String, Object>) raw;
            int index = indexOf(out, key, item.get(key));
            if ("delete".equals(item.get("$patch"))) {
                if (index >= 0) {
                    out.remove(index);
                }
            } else if (index >= 0) {
                out.set(index, strategic((Map<String, Object>) out.get(index), item));
            } else {
                out.add(withoutDirectives(item));
            }
        }
        return out;
    }

    /** The merge key of a list of objects, or null when the list is not keyed and so is replaced. */
    private static String listKey(List<Object> items) {
        if (items.isEmpty() || !items.stream().allMatch(i -> i instanceof Map)) {
            return null;
        }
        for (String key : LIST_KEYS) {
            if (items.stream().allMatch(i -> ((Map<?, ?>) i).get(key) != null)) {
                return key;
            }
        }
        return null;
    }

    private static int indexOf(List<Object> items, String key, Object value) {
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof Map && String.valueOf(((Map<?, ?>) items.get(i)).get(key))
                    .equals(String.valueOf(value))) {
                return i;
            }
        }
        return -1;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> withoutDirectives(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!k.startsWith("$")) {
                out.put(k, v instanceof Map ? withoutDirectives((Map<String, Object>) v) : Json.copy(v));
            }
        });
        return out;
    }
}
