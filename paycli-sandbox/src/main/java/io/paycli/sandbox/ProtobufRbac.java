package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The protobuf forms of Role, ClusterRole, RoleBinding and ClusterRoleBinding (rbac.authorization.k8s.io/v1), as
 * {@code kubectl create role|clusterrole|rolebinding|clusterrolebinding} sends them.
 */
final class ProtobufRbac {
    private static final String API_VERSION = "rbac.authorization.k8s.io/v1";
    private static final List<String> RULE = List.of("verbs", "apiGroups", "resources", "resourceNames",
            "nonResourceURLs");

    private ProtobufRbac() {
    }

    /** The object as JSON, or null when the kind is none of these. */
    static Map<String, Object> read(String kind, byte[] raw) {
        switch (kind == null ? "" : kind) {
            case "Role":
            case "ClusterRole":
                return ProtobufBody.object(API_VERSION, kind, raw, (field, reader, out) -> {
                    if (field != 2) {
                        return false;
                    }
                    rules(out).add(rule(reader.message()));
                    return true;
                });
            case "RoleBinding":
            case "ClusterRoleBinding":
                return ProtobufBody.object(API_VERSION, kind, raw, (field, reader, out) -> {
                    if (field == 2) {
                        subjects(out).add(ProtobufBody.strings(reader.message(),
                                List.of("kind", "apiGroup", "name", "namespace")));
                        return true;
                    }
                    if (field == 3) {
                        out.put("roleRef", ProtobufBody.strings(reader.message(), List.of("apiGroup", "kind", "name")));
                        return true;
                    }
                    return false;
                });
            default:
                return null;
        }
    }

    /** A PolicyRule: five repeated string fields. */
    private static Map<String, Object> rule(ProtobufReader message) {
        Map<String, Object> rule = new java.util.LinkedHashMap<>();
        while (message.more()) {
            int field = message.key();
            if (field >= 1 && field <= RULE.size()) {
                list(rule, RULE.get(field - 1)).add(message.string());
            } else {
                message.skip();
            }
        }
        return rule;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> rules(Map<String, Object> object) {
        return (List<Object>) object.computeIfAbsent("rules", k -> new ArrayList<Object>());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> subjects(Map<String, Object> object) {
        return (List<Object>) object.computeIfAbsent("subjects", k -> new ArrayList<Object>());
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Map<String, Object> map, String key) {
        return (List<Object>) map.computeIfAbsent(key, k -> new ArrayList<Object>());
    }
}
