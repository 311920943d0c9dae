package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The built-in kinds a 1.32 server serves, plus those that stored CustomResourceDefinitions add. */
final class ResourceCatalog {

    private static final List<ResourceType> BUILT_IN = List.of(
            core("namespaces", "Namespace", false, List.of("ns"), "status"),
            core("configmaps", "ConfigMap", true, List.of("cm")),
            core("secrets", "Secret", true, List.of()),
            core("services", "Service", true, List.of("svc"), "status"),
            core("serviceaccounts", "ServiceAccount", true, List.of("sa")),
            core("pods", "Pod", true, List.of("po"), "status"),
            core("events", "Event", true, List.of("ev")),
            core("persistentvolumeclaims", "PersistentVolumeClaim", true, List.of("pvc"), "status"),
            core("resourcequotas", "ResourceQuota", true, List.of("quota"), "status"),
            core("limitranges", "LimitRange", true, List.of("limits")),
            core("nodes", "Node", false, List.of("no"), "status"),
            type("apps", "v1", "deployments", "Deployment", true, List.of("deploy"), "scale", "status"),
            type("apps", "v1", "statefulsets", "StatefulSet", true, List.of("sts"), "scale", "status"),
            type("apps", "v1", "daemonsets", "DaemonSet", true, List.of("ds"), "status"),
            type("apps", "v1", "replicasets", "ReplicaSet", true, List.of("rs"), "scale", "status"),
            type("batch", "v1", "jobs", "Job", true, List.of(), "status"),
            type("batch", "v1", "cronjobs", "CronJob", true, List.of("cj"), "status"),
            type("autoscaling", "v2", "horizontalpodautoscalers", "HorizontalPodAutoscaler", true, List.of("hpa"), "status"),
            type("networking.k8s.io", "v1", "ingresses", "Ingress", true, List.of("ing"), "status"),
            type("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, List.of("netpol")),
            type("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, List.of("pdb"), "status"),
            type("rbac.authorization.k8s.io", "v1", "roles", "Role", true, List.of()),
            type("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, List.of()),
            type("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, List.of()),
            type("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, List.of()),
            type("coordination.k8s.io", "v1", "leases", "Lease", true, List.of()),
            type("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, List.of("sc")),
            type("networking.k8s.io", "v1", "ingressclasses", "IngressClass", false, List.of()),
            type("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, List.of("pc")),
            type("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false,
                    List.of("crd", "crds"), "status"),
            type("events.k8s.io", "v1", "events", "Event", true, List.of("ev")),
            type("authorization.k8s.io", "v1", "selfsubjectaccessreviews", "SelfSubjectAccessReview", false, List.of()),
            type("authorization.k8s.io", "v1", "selfsubjectrulesreviews", "SelfSubjectRulesReview", false, List.of()));

    static final ResourceType NAMESPACES = BUILT_IN.get(0);
    static final ResourceType CRDS = find(BUILT_IN, "apiextensions.k8s.io", "v1", "customresourcedefinitions").get();

    private final ObjectStore store;

    ResourceCatalog(ObjectStore store) {
        this.store = store;
    }

    List<ResourceType> all() {
        List<ResourceType> all = new ArrayList<>(BUILT_IN);
        all.addAll(customTypes());
        return all;
    }

    Optional<ResourceType> find(String group, String version, String plural) {
        return find(all(), group, version, plural);
    }

    static Optional<ResourceType> builtIn(String group, String version, String plural) {
        return find(BUILT_IN, group, version, plural);
    }

    Optional<ResourceType> byKind(String apiVersion, String kind) {
        return all().stream()
                .filter(t -> t.groupVersion().equals(apiVersion) && t.kind().equals(kind))
                .findFirst();
    }

    private static Optional<ResourceType> find(List<ResourceType> types, String group, String version, String plural) {
        return types.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version) && t.plural().equals(plural))
                .findFirst();
    }

    /** Every served version of every established CRD becomes a type. */
    private List<ResourceType> customTypes() {
        List<ResourceType> types = new ArrayList<>();
        for (Map<String, Object> crd : store.list(CRDS.collectionPath(null))) {
            if (!CrdEstablishing.established(crd)) {
                continue;
            }
            String group = Json.string(crd, "spec", "group");
            Map<String, Object> names = Json.map(crd, "spec", "names");
            if (group == null || names == null) {
                continue;
            }
            boolean namespaced = !"Cluster".equals(Json.string(crd, "spec", "scope"));
            List<String> shortNames = new ArrayList<>();
            Json.list(names, "shortNames").forEach(s -> shortNames.add(String.valueOf(s)));
            for (Object v : Json.list(crd, "spec", "versions")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> version = (Map<String, Object>) v;
                if (Boolean.FALSE.equals(version.get("served"))) {
                    continue;
                }
                List<String> subresources = Json.map(version, "subresources", "status") != null ? List.of("status") : List.of();
                types.add(new ResourceType(group, String.valueOf(version.get("name")), Json.string(names, "plural"),
                        Json.string(names, "singular"), Json.string(names, "kind"), namespaced, shortNames, subresources));
            }
        }
        return types;
    }

    private static ResourceType core(String plural, String kind, boolean namespaced, List<String> shortNames,
            String... subresources) {
        return type("", "v1", plural, kind, namespaced, shortNames, subresources);
    }

    private static ResourceType type(String group, String version, String plural, String kind, boolean namespaced,
            List<String> shortNames, String... subresources) {
        return new ResourceType(group, version, plural, kind.toLowerCase(java.util.Locale.ROOT), kind, namespaced,
                shortNames, List.of(subresources));
    }
}
