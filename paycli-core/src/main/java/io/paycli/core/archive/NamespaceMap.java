package io.paycli.core.archive;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renames namespaces for a migration ({@code --namespace-map a=b}): a namespaced object's namespace, a Namespace's
 * own name, and the namespace of a binding's ServiceAccount subjects. Unmapped namespaces keep their name.
 */
public final class NamespaceMap {
    private final Map<String, String> map;

    public NamespaceMap(Map<String, String> map) {
        this.map = Map.copyOf(map);
    }

    public String target(String namespace) {
        return namespace == null ? null : map.getOrDefault(namespace, namespace);
    }

    /** The object as it goes to the target. */
    @SuppressWarnings("unchecked")
    InstallObject apply(InstallObject object) {
        if (map.isEmpty()) {
            return object;
        }
        Map<String, Object> body = ServerFields.deepCopy(object.body());
        Map<String, Object> metadata = (Map<String, Object>) body.computeIfAbsent("metadata",
                k -> new LinkedHashMap<>());
        String name = object.name();
        String namespace = target(object.namespace());
        if (object.kind().equals("Namespace") && object.namespace() == null) {
            name = target(name);
            metadata.put("name", name);
        }
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        if (body.get("subjects") instanceof List<?> subjects) {
            List<Object> mapped = new ArrayList<>();
            for (Object s : subjects) {
                Map<String, Object> subject = new LinkedHashMap<>((Map<String, Object>) s);
                if (subject.get("namespace") != null) {
                    subject.put("namespace", target(String.valueOf(subject.get("namespace"))));
                }
                mapped.add(subject);
            }
            body.put("subjects", mapped);
        }
        return new InstallObject(object.apiVersion(), object.kind(), namespace, name, body);
    }

    /**
     * Parses {@code a=b} entries.
     *
     * @throws PaycliException (exit 2) for an entry that is not {@code a=b}
     */
    public static NamespaceMap parse(List<String> entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String entry : entries == null ? List.<String>of() : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new PaycliException(ExitCodes.USAGE,
                        "invalid --namespace-map '" + entry + "': use SOURCE=TARGET, for example shop=shop-dr");
            }
            map.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
        return new NamespaceMap(map);
    }

    public Map<String, String> asMap() {
        return map;
    }
}
