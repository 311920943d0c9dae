package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The user-facing ClusterRoles a 1.32 server bootstraps: cluster-admin, and admin, edit and view with their
 * aggregated rules already filled in, as the aggregation controller leaves them. Taken from
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy of Kubernetes. Of note: edit cannot touch Roles or
 * RoleBindings, and view cannot read Secrets.
 */
final class BootstrapRoles {

    private static final List<String> READ = List.of("get", "list", "watch");
    private static final List<String> WRITE = List.of("create", "delete", "deletecollection", "patch", "update");
    private static final List<String> ALL_VERBS = List.of("create", "delete", "deletecollection", "get", "list",
            "patch", "update", "watch");

    private BootstrapRoles() {
    }

    static void create(ObjectStore store) {
        List<Map<String, Object>> view = view();
        List<Map<String, Object>> edit = new ArrayList<>(aggregateToEdit());
        edit.addAll(view);
        List<Map<String, Object>> admin = new ArrayList<>(List.of(
                rule(List.of("authorization.k8s.io"), List.of("localsubjectaccessreviews"), List.of("create")),
                rule(List.of("rbac.authorization.k8s.io"), List.of("rolebindings", "roles"), ALL_VERBS)));
        admin.addAll(edit);
        save(store, "cluster-admin", List.of(rule(List.of("*"), List.of("*"), List.of("*")),
                Map.of("nonResourceURLs", List.of("*"), "verbs", List.of("*"))));
        save(store, "admin", admin);
        save(store, "edit", edit);
        save(store, "view", view);
    }

    private static List<Map<String, Object>> aggregateToEdit() {
        return List.of(
                rule(List.of(""), List.of("pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets",
                        "services/proxy"), READ),
                rule(List.of(""), List.of("serviceaccounts"), List.of("impersonate")),
                rule(List.of(""), List.of("pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy"), WRITE),
                rule(List.of(""), List.of("pods/eviction"), List.of("create")),
                rule(List.of(""), List.of("configmaps", "events", "persistentvolumeclaims", "replicationcontrollers",
                        "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy"), WRITE),
                rule(List.of(""), List.of("serviceaccounts/token"), List.of("create")),
                rule(List.of("apps"), List.of("daemonsets", "deployments", "deployments/rollback", "deployments/scale",
                        "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale"), WRITE),
                rule(List.of("autoscaling"), List.of("horizontalpodautoscalers"), WRITE),
                rule(List.of("batch"), List.of("cronjobs", "jobs"), WRITE),
                rule(List.of("extensions"), List.of("daemonsets", "deployments", "deployments/rollback",
                        "deployments/scale", "ingresses", "networkpolicies", "replicasets", "replicasets/scale",
                        "replicationcontrollers/scale"), WRITE),
                rule(List.of("policy"), List.of("poddisruptionbudgets"), WRITE),
                rule(List.of("networking.k8s.io"), List.of("ingresses", "networkpolicies"), WRITE),
                rule(List.of("coordination.k8s.io"), List.of("leases"), ALL_VERBS));
    }

    private static List<Map<String, Object>> view() {
        return List.of(
                rule(List.of(""), List.of("configmaps", "endpoints", "persistentvolumeclaims",
                        "persistentvolumeclaims/status", "pods", "replicationcontrollers", "replicationcontrollers/scale",
                        "serviceaccounts", "services", "services/status"), READ),
                rule(List.of(""), List.of("bindings", "events", "limitranges", "namespaces/status", "pods/log",
                        "pods/status", "replicationcontrollers/status", "resourcequotas", "resourcequotas/status"), READ),
                rule(List.of(""), List.of("namespaces"), READ),
                rule(List.of("discovery.k8s.io"), List.of("endpointslices"), READ),
                rule(List.of("apps"), List.of("controllerrevisions", "daemonsets", "daemonsets/status", "deployments",
                        "deployments/scale", "deployments/status", "replicasets", "replicasets/scale",
                        "replicasets/status", "statefulsets", "statefulsets/scale", "statefulsets/status"), READ),
                rule(List.of("autoscaling"), List.of("horizontalpodautoscalers", "horizontalpodautoscalers/status"), READ),
                rule(List.of("batch"), List.of("cronjobs", "cronjobs/status", "jobs", "jobs/status"), READ),
                rule(List.of("extensions"), List.of("daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                        "deployments/status", "ingresses", "ingresses/status", "networkpolicies", "replicasets",
                        "replicasets/scale", "replicasets/status", "replicationcontrollers/scale"), READ),
                rule(List.of("policy"), List.of("poddisruptionbudgets", "poddisruptionbudgets/status"), READ),
                rule(List.of("networking.k8s.io"), List.of("ingresses", "ingresses/status", "networkpolicies"), READ));
    }

    private static Map<String, Object> rule(List<String> groups, List<String> resources, List<String> verbs) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("apiGroups", groups);
        rule.put("resources", resources);
        rule.put("verbs", verbs);
        return rule;
    }

    private static void save(ObjectStore store, String name, List<Map<String, Object>> rules) {
        Map<String, Object> role = new LinkedHashMap<>();
        role.put("apiVersion", "rbac.authorization.k8s.io/v1");
        role.put("kind", "ClusterRole");
        role.put("metadata", new LinkedHashMap<>(Map.of("name", name,
                "labels", Map.of("kubernetes.io/bootstrapping", "rbac-defaults"),
                "annotations", Map.of("rbac.authorization.kubernetes.io/autoupdate", "true"))));
        role.put("rules", rules);
        store.create("/apis/rbac.authorization.k8s.io/v1/clusterroles", role);
    }
}
