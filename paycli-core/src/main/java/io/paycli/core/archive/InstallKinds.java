package io.paycli.core.archive;

import java.util.List;
import java.util.Set;

/**
 * The kinds of a cluster's installation that {@code cluster capture} takes, in the order they are applied to a new
 * cluster: namespaces, then definitions (custom resources wait for them to be Established), cluster-scoped classes,
 * RBAC, service accounts, policies, configuration, workloads; custom resources come last.
 */
final class InstallKinds {

    /** One kind: its apiVersion and kind, whether it is namespaced, and whether only system namespaces give it. */
    record Kind(String apiVersion, String kind, boolean namespaced, boolean systemOnly) {
    }

    static final List<Kind> ALL = List.of(
            new Kind("v1", "Namespace", false, false),
            new Kind("apiextensions.k8s.io/v1", "CustomResourceDefinition", false, false),
            new Kind("storage.k8s.io/v1", "StorageClass", false, false),
            new Kind("networking.k8s.io/v1", "IngressClass", false, false),
            new Kind("scheduling.k8s.io/v1", "PriorityClass", false, false),
            new Kind("rbac.authorization.k8s.io/v1", "ClusterRole", false, false),
            new Kind("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", false, false),
            new Kind("rbac.authorization.k8s.io/v1", "Role", true, false),
            new Kind("rbac.authorization.k8s.io/v1", "RoleBinding", true, false),
            new Kind("v1", "ServiceAccount", true, false),
            new Kind("v1", "ResourceQuota", true, false),
            new Kind("v1", "LimitRange", true, false),
            new Kind("networking.k8s.io/v1", "NetworkPolicy", true, false),
            new Kind("v1", "ConfigMap", true, true),
            new Kind("v1", "Service", true, true),
            new Kind("apps/v1", "Deployment", true, true),
            new Kind("apps/v1", "DaemonSet", true, true),
            new Kind("apps/v1", "StatefulSet", true, true));

    /** Namespaces every cluster makes by itself. */
    static final Set<String> BUILT_IN_NAMESPACES = Set.of("kube-system", "kube-public", "kube-node-lease", "default");

    /** The API groups of built-in kinds; a kind of any other group is a custom resource. */
    private static final Set<String> BUILT_IN_GROUPS = Set.of("", "apps", "batch", "autoscaling", "policy");

    private InstallKinds() {
    }

    /** The position of a kind in apply order; custom resources after every built-in kind. */
    static int rank(String apiVersion, String kind) {
        for (int i = 0; i < ALL.size(); i++) {
            if (ALL.get(i).kind().equals(kind) && ALL.get(i).apiVersion().equals(apiVersion)) {
                return i;
            }
        }
        return ALL.size();
    }

    static String group(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** The folder of a kind in the archive: its name in lower case, with the group for a custom or rare group. */
    static String folder(String apiVersion, String kind) {
        String group = group(apiVersion);
        String lower = kind.toLowerCase(java.util.Locale.ROOT);
        return BUILT_IN_GROUPS.contains(group) || group.endsWith(".k8s.io") ? lower : lower + "." + group;
    }
}
