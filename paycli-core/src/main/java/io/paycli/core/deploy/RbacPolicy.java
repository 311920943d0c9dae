package io.paycli.core.deploy;

import io.paycli.core.cluster.Access;
import io.paycli.core.cluster.KindResources;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ManifestSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The least-privilege Role (and RoleBinding) a deployer of one app needs in its namespace, from
 * {@link RequiredAccess}: deploy, rollback, diff, status and history of the rendered kinds, plus read access to
 * pods and events for the progress output. With {@code --create-namespace}, also a ClusterRole and
 * ClusterRoleBinding to read and create namespaces.
 */
public final class RbacPolicy {
    private static final String RBAC = "rbac.authorization.k8s.io";
    private static final List<String> VERB_ORDER = List.of("get", "list", "watch", "create", "update", "patch",
            "delete");

    /** Who the binding is for: a User, a Group or a ServiceAccount (with its namespace). */
    public record Subject(String kind, String name, String namespace) {
        public static Subject user(String name) {
            return new Subject("User", name, null);
        }

        public static Subject group(String name) {
            return new Subject("Group", name, null);
        }

        /** {@code NAMESPACE:NAME}, as kubectl's --serviceaccount takes it. */
        public static Subject serviceAccount(String namespaceAndName) {
            int colon = namespaceAndName.indexOf(':');
            if (colon <= 0 || colon == namespaceAndName.length() - 1) {
                throw new InvalidInputException("--service-account " + namespaceAndName
                        + ": expected NAMESPACE:NAME, such as ci:deployer");
            }
            return new Subject("ServiceAccount", namespaceAndName.substring(colon + 1),
                    namespaceAndName.substring(0, colon));
        }

        Map<String, Object> toMap() {
            Map<String, Object> subject = new LinkedHashMap<>();
            subject.put("kind", kind);
            subject.put("name", name);
            if (namespace != null) {
                subject.put("namespace", namespace);
            } else {
                subject.put("apiGroup", RBAC);
            }
            return subject;
        }
    }

    private RbacPolicy() {
    }

    /**
     * The objects to apply (as an admin) so that {@code subject} can deploy {@code set}; a null subject is the
     * service account paycli-deployer in the app's namespace.
     */
    static List<Map<String, Object>> of(ManifestSet set, Subject subject, boolean createNamespace) {
        String ns = set.namespace();
        if (subject == null) {
            subject = new Subject("ServiceAccount", "paycli-deployer", ns);
        }
        List<Access> applied = kinds(set.manifests());
        List<Access> waited = kinds(set.manifests().stream().filter(m -> Rollout.WAITED_KINDS.contains(m.kind()))
                .toList());
        Set<Access> needs = new LinkedHashSet<>(RequiredAccess.deploy(ns, applied, waited, List.of()));
        needs.addAll(RequiredAccess.diff(ns, applied, List.of()));
        needs.addAll(RequiredAccess.read(ns, applied));
        needs.addAll(RequiredAccess.bestEffort(ns));
        String name = "paycli-deploy-" + set.app();
        List<Map<String, Object>> objects = new ArrayList<>();
        objects.add(role("Role", name, ns, rules(needs)));
        objects.add(binding("RoleBinding", name, ns, "Role", subject));
        if (createNamespace) {
            String clusterName = "paycli-create-namespace-" + set.app();
            Set<Access> namespaces = new LinkedHashSet<>();
            namespaces.add(new Access("get", "", "namespaces", null));
            namespaces.add(RequiredAccess.createNamespace());
            objects.add(role("ClusterRole", clusterName, null, rules(namespaces)));
            objects.add(binding("ClusterRoleBinding", clusterName, null, "ClusterRole", subject));
        }
        return objects;
    }

    private static List<Access> kinds(List<Manifest> manifests) {
        Set<Access> kinds = new LinkedHashSet<>();
        manifests.forEach(m -> kinds.add(KindResources.of(m.apiVersion(), m.kind())));
        return new ArrayList<>(kinds);
    }

    /** One rule per API group and set of verbs, resources in the order first needed. */
    private static List<Map<String, Object>> rules(Set<Access> needs) {
        Map<String, Set<String>> verbsByResource = new LinkedHashMap<>();
        for (Access need : needs) {
            verbsByResource.computeIfAbsent(need.group() + "\u0000" + need.resource(), k -> new LinkedHashSet<>())
                    .add(need.verb());
        }
        Map<String, List<String>> resourcesByRule = new LinkedHashMap<>();
        verbsByResource.forEach((key, verbs) -> {
            List<String> ordered = VERB_ORDER.stream().filter(verbs::contains).toList();
            String group = key.substring(0, key.indexOf('\u0000'));
            resourcesByRule.computeIfAbsent(group + "\u0000" + String.join(",", ordered), k -> new ArrayList<>())
                    .add(key.substring(key.indexOf('\u0000') + 1));
        });
        List<Map<String, Object>> rules = new ArrayList<>();
        resourcesByRule.forEach((key, resources) -> {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("apiGroups", List.of(key.substring(0, key.indexOf('\u0000'))));
            rule.put("resources", resources);
            rule.put("verbs", List.of(key.substring(key.indexOf('\u0000') + 1).split(",")));
            rules.add(rule);
        });
        return rules;
    }

    private static Map<String, Object> role(String kind, String name, String namespace, List<Map<String, Object>> rules) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("apiVersion", RBAC + "/v1");
        role.put("kind", kind);
        role.put("metadata", metadata(name, namespace));
        role.put("rules", rules);
        return role;
    }

    private static Map<String, Object> binding(String kind, String name, String namespace, String roleKind,
                                               Subject subject) {
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("apiVersion", RBAC + "/v1");
        binding.put("kind", kind);
        binding.put("metadata", metadata(name, namespace));
        Map<String, Object> roleRef = new LinkedHashMap<>();
        roleRef.put("apiGroup", RBAC);
        roleRef.put("kind", roleKind);
        roleRef.put("name", name);
        binding.put("roleRef", roleRef);
        binding.put("subjects", List.of(subject.toMap()));
        return binding;
    }

    private static Map<String, Object> metadata(String name, String namespace) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return metadata;
    }
}
