package io.paycli.core.deploy;

import io.paycli.core.model.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The groups of an apply, one after another, in the documented order (PRODUCT.md section 4: Namespace,
 * ServiceAccount/RBAC, ConfigMap/Secret, Service, workloads, HPA, Ingress). The objects of one group do not refer to
 * each other, so they may be applied at once; a group is applied only once the one before it is in place. Finer
 * than the documented groups where an object needs another of the same group first: a namespace's quotas need the
 * namespace, a custom resource its definition, a binding the role it binds (the server checks that the binder holds
 * the role's rights), and objects of a kind paycli does not know may need each other, so each such kind is a group
 * of its own.
 */
final class ApplyGroups {
    private static final Map<String, Integer> GROUP = Map.ofEntries(
            Map.entry("Namespace", 0),
            Map.entry("ResourceQuota", 1), Map.entry("LimitRange", 1),
            Map.entry("CustomResourceDefinition", 2),
            Map.entry("ServiceAccount", 3), Map.entry("ClusterRole", 3), Map.entry("Role", 3),
            Map.entry("ClusterRoleBinding", 4), Map.entry("RoleBinding", 4),
            Map.entry("ConfigMap", 5), Map.entry("Secret", 5), Map.entry("PersistentVolumeClaim", 5),
            Map.entry("Service", 6),
            Map.entry("Deployment", 7), Map.entry("StatefulSet", 7), Map.entry("DaemonSet", 7), Map.entry("Job", 7),
            Map.entry("CronJob", 7),
            Map.entry("HorizontalPodAutoscaler", 8), Map.entry("PodDisruptionBudget", 8),
            Map.entry("NetworkPolicy", 8),
            Map.entry("Ingress", 9));

    private ApplyGroups() {
    }

    /**
     * Splits manifests given in apply order into runs of the same group, keeping the order: whatever order the
     * caller chose (a render, a recorded revision) is never reordered, only cut where the group changes.
     */
    static List<List<Manifest>> of(List<Manifest> manifests) {
        List<List<Manifest>> groups = new ArrayList<>();
        String last = null;
        for (Manifest m : manifests) {
            String group = group(m);
            if (!group.equals(last)) {
                groups.add(new ArrayList<>());
                last = group;
            }
            groups.get(groups.size() - 1).add(m);
        }
        return groups;
    }

    private static String group(Manifest m) {
        Integer known = GROUP.get(m.kind());
        return known != null && knownApi(m.apiVersion()) ? String.valueOf(known) : m.apiVersion() + " " + m.kind();
    }

    /** A kind of the same name in someone's own API group is not the built-in one. */
    private static boolean knownApi(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        return group.isEmpty() || group.endsWith(".k8s.io") || List.of("apps", "batch", "autoscaling", "policy")
                .contains(group);
    }
}
