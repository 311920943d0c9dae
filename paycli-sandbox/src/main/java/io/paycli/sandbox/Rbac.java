package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The RBAC authorizer over the Roles, ClusterRoles and bindings stored in the sandbox: ClusterRoleBindings
 * grant everywhere, RoleBindings in their namespace (also when they refer to a ClusterRole). Rules match
 * apiGroups, resources (with "*", "resource/subresource" and "*\/subresource"), verbs and resourceNames.
 */
final class Rbac {

    private static final String API = "/apis/rbac.authorization.k8s.io/v1";

    /** What a request asks for, in the terms of a SubjectAccessReview's resourceAttributes. */
    record Attributes(String verb, String group, String resource, String subresource, String namespace, String name) {
        /** The resource as a rule names it: deployments or deployments/scale. */
        String ruleResource() {
            return subresource == null || subresource.isEmpty() ? resource : resource + "/" + subresource;
        }
    }

    /** The binding and role that allowed a request, or null. */
    record Grant(String binding, String role) {
    }

    private final ObjectStore store;

    Rbac(ObjectStore store) {
        this.store = store;
    }

    /** The grant that allows the request, or null when nothing does. */
    Grant allows(SandboxUsers.User user, Attributes request) {
        if (user.master()) {
            return new Grant("group system:masters", "everything");
        }
        for (Bound bound : bindings(user, request.namespace())) {
            for (Map<String, Object> rule : bound.rules()) {
                if (matches(rule, request)) {
                    return new Grant(bound.binding(), bound.role());
                }
            }
        }
        return null;
    }

    /** Every rule that applies to the user in a namespace, for a SelfSubjectRulesReview. */
    List<Map<String, Object>> rules(SandboxUsers.User user, String namespace) {
        List<Map<String, Object>> rules = new ArrayList<>();
        if (user.master()) {
            rules.add(Map.of("apiGroups", List.of("*"), "resources", List.of("*"), "verbs", List.of("*")));
            return rules;
        }
        bindings(user, namespace).forEach(b -> b.rules().stream().filter(r -> r.containsKey("resources"))
                .forEach(rules::add));
        return rules;
    }

    private record Bound(String binding, String role, List<Map<String, Object>> rules) {
    }

    private List<Bound> bindings(SandboxUsers.User user, String namespace) {
        List<Bound> bound = new ArrayList<>();
        for (Map<String, Object> binding : store.list(API + "/clusterrolebindings")) {
            if (names(binding, user, null)) {
                String role = Json.string(binding, "roleRef", "name");
                bound.add(new Bound("ClusterRoleBinding \"" + name(binding) + "\"", "ClusterRole \"" + role + "\"",
                        rulesOf(store.get(API + "/clusterroles/" + role))));
            }
        }
        if (namespace != null && !namespace.isEmpty()) {
            for (Map<String, Object> binding : store.list(API + "/namespaces/" + namespace + "/rolebindings")) {
                if (names(binding, user, namespace)) {
                    String kind = Json.string(binding, "roleRef", "kind");
                    String role = Json.string(binding, "roleRef", "name");
                    Map<String, Object> found = "ClusterRole".equals(kind) ? store.get(API + "/clusterroles/" + role)
                            : store.get(API + "/namespaces/" + namespace + "/roles/" + role);
                    bound.add(new Bound("RoleBinding \"" + name(binding) + "/" + namespace + "\"",
                            kind + " \"" + role + "\"", rulesOf(found)));
                }
            }
        }
        return bound;
    }

    /** Whether a binding names the user, one of its groups, or (as a service account) the user itself. */
    private static boolean names(Map<String, Object> binding, SandboxUsers.User user, String bindingNamespace) {
        for (Object s : Json.list(binding, "subjects")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> subject = (Map<String, Object>) s;
            String kind = String.valueOf(subject.get("kind"));
            String name = String.valueOf(subject.get("name"));
            boolean match = switch (kind) {
                case "User" -> name.equals(user.name());
                case "Group" -> user.allGroups().contains(name);
                case "ServiceAccount" -> user.name().equals("system:serviceaccount:"
                        + Objects.requireNonNullElse((String) subject.get("namespace"), bindingNamespace) + ":" + name);
                default -> false;
            };
            if (match) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rulesOf(Map<String, Object> role) {
        List<Map<String, Object>> rules = new ArrayList<>();
        if (role != null) {
            Json.list(role, "rules").forEach(r -> rules.add((Map<String, Object>) r));
        }
        return rules;
    }

    private static boolean matches(Map<String, Object> rule, Attributes request) {
        if (!rule.containsKey("resources")) {
            return false;
        }
        List<Object> names = Json.list(rule, "resourceNames");
        return anyOf(Json.list(rule, "verbs"), request.verb())
                && anyOf(Json.list(rule, "apiGroups"), request.group())
                && resourceMatches(Json.list(rule, "resources"), request)
                && (names.isEmpty() || (request.name() != null && names.contains(request.name())));
    }

    private static boolean resourceMatches(List<Object> resources, Attributes request) {
        String wanted = request.ruleResource();
        for (Object r : resources) {
            String resource = String.valueOf(r);
            if (resource.equals("*") || resource.equals(wanted)) {
                return true;
            }
            if (request.subresource() != null && !request.subresource().isEmpty()
                    && resource.equals("*/" + request.subresource())) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyOf(List<Object> values, String wanted) {
        return values.contains("*") || values.contains(wanted);
    }

    private static String name(Map<String, Object> object) {
        return Json.string(object, "metadata", "name");
    }
}
