package io.paycli.core.render;

import java.util.List;
import java.util.Set;

/**
 * The order objects are applied in, so that what a resource refers to exists first: Namespace,
 * ServiceAccount and RBAC, ConfigMap and Secret, Service, workloads, HPA, Ingress.
 */
public final class ApplyOrder {
    private static final List<String> KINDS = List.of(
            "Namespace", "ResourceQuota", "LimitRange", "CustomResourceDefinition",
            "ServiceAccount", "ClusterRole", "Role", "ClusterRoleBinding", "RoleBinding",
            "ConfigMap", "Secret", "PersistentVolumeClaim",
            "Service",
            "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob",
            "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy",
            "Ingress");
    private static final int OTHER = KINDS.indexOf("NetworkPolicy");

    /** Kinds that live outside namespaces, so they get no {@code metadata.namespace}. */
    static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass",
            "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration");

    private ApplyOrder() {
    }

    /** Lower applies first; a kind paycli does not know goes just before Ingress. */
    public static int rank(String kind) {
        int i = KINDS.indexOf(kind);
        return i >= 0 ? i : OTHER;
    }
}
