package io.paycli.core.template;

import java.util.List;
import java.util.Map;

/** Reads nested values of parsed manifests by a dotted path, for readable assertions. */
final class Yaml {

    private Yaml() {
    }

    static Object at(Map<String, Object> root, String path) {
        Object current = root;
        for (String key : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> root, String path) {
        return (Map<String, Object>) at(root, path);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Map<String, Object> root, String path) {
        return (List<Map<String, Object>>) at(root, path);
    }
}
