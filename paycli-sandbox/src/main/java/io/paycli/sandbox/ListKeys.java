package io.paycli.sandbox;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The associative lists of the built-in types ("x-kubernetes-list-type: map") and their keys, as the real server's
 * schema declares them: containers, env and volumes by name, volume mounts by mountPath, container ports by
 * containerPort and protocol, Service ports by port and protocol (protocol defaults to TCP). Finalizers are a set.
 * Every other list is atomic: it is owned, merged and replaced as a whole.
 */
final class ListKeys {

    private static final Map<String, List<String>> BY_FIELD = Map.of(
            "containers", List.of("name"),
            "initContainers", List.of("name"),
            "ephemeralContainers", List.of("name"),
            "env", List.of("name"),
            "volumes", List.of("name"),
            "imagePullSecrets", List.of("name"),
            "volumeMounts", List.of("mountPath"),
            "hostAliases", List.of("ip"),
            "ownerReferences", List.of("uid"));

    private ListKeys() {
    }

    /** The key fields of a list held in the given field, or null when the list is atomic. */
    static List<String> of(String field, List<?> items) {
        List<String> keys = BY_FIELD.get(field);
        if ("ports".equals(field)) {
            keys = items.stream().anyMatch(i -> i instanceof Map && ((Map<?, ?>) i).containsKey("containerPort"))
                    ? List.of("containerPort", "protocol") : List.of("port", "protocol");
        }
        if (keys == null) {
            return null;
        }
        for (Object item : items) {
            if (!(item instanceof Map) || ((Map<?, ?>) item).get(keys.get(0)) == null) {
                return null;
            }
        }
        return keys;
    }

    /** Lists whose items are their own keys. */
    static boolean isSet(String field) {
        return "finalizers".equals(field);
    }

    /** The path element of a list item: k:{"containerPort":8080,"protocol":"TCP"} */
    static String element(List<String> keys, Object item) {
        Map<String, Object> key = new TreeMap<>();
        for (String k : keys) {
            Object value = ((Map<?, ?>) item).get(k);
            if (value == null && k.equals("protocol")) {
                value = "TCP";
            }
            if (value != null) {
                key.put(k, value);
            }
        }
        return "k:" + Json.write(key);
    }

    /** The path element of a set member: v:"example.com/finalizer" */
    static String valueElement(Object value) {
        return "v:" + Json.write(value);
    }
}
