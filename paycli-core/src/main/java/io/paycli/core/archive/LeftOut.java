package io.paycli.core.archive;

import java.util.List;
import java.util.Map;

/**
 * What a capture leaves out whatever the rules say, because a new cluster makes it by itself or paycli's app
 * restore brings it back: objects another object owns (ownerReferences), paycli's own objects (its managed-by
 * label; a Namespace is kept, as it holds captured quotas and policies), {@code system:} RBAC and the objects
 * labelled kubernetes.io/bootstrapping, the built-in PriorityClasses, every namespace's kube-root-ca.crt ConfigMap
 * and default ServiceAccount, and the default namespace's kubernetes Service.
 */
final class LeftOut {
    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String BOOTSTRAPPING = "kubernetes.io/bootstrapping";

    private LeftOut() {
    }

    static boolean byDefault(Map<String, Object> live, String kind) {
        Map<String, Object> metadata = InstallReader.map(live.get("metadata"));
        String name = name(live);
        Map<String, Object> labels = InstallReader.map(metadata.get("labels"));
        if (metadata.get("ownerReferences") instanceof List<?> owners && !owners.isEmpty()) {
            return true;
        }
        if ("paycli".equals(labels.get(MANAGED_BY)) && !kind.equals("Namespace")) {
            return true;
        }
        if (name.startsWith("system:") || labels.containsKey(BOOTSTRAPPING)) {
            return true;
        }
        if (metadata.get("deletionTimestamp") != null) {
            return true;
        }
        return switch (kind) {
            case "Namespace" -> InstallKinds.BUILT_IN_NAMESPACES.contains(name);
            case "PriorityClass" -> name.startsWith("system-");
            case "ConfigMap" -> name.equals("kube-root-ca.crt");
            case "ServiceAccount" -> name.equals("default");
            case "Service" -> name.equals("kubernetes") && "default".equals(namespace(live));
            default -> false;
        };
    }

    /**
     * Secrets that are not the cluster's to list: service account tokens (made by the cluster), paycli's release
     * records, owned Secrets and paycli's own.
     */
    static boolean secret(Map<String, Object> live) {
        String type = String.valueOf(live.get("type"));
        Map<String, Object> metadata = InstallReader.map(live.get("metadata"));
        Map<String, Object> labels = InstallReader.map(metadata.get("labels"));
        return type.equals("kubernetes.io/service-account-token") || type.startsWith("paycli.io/")
                || "paycli".equals(labels.get(MANAGED_BY))
                || (metadata.get("ownerReferences") instanceof List<?> owners && !owners.isEmpty());
    }

    static String name(Map<String, Object> live) {
        return String.valueOf(InstallReader.map(live.get("metadata")).get("name"));
    }

    static String namespace(Map<String, Object> live) {
        Object ns = InstallReader.map(live.get("metadata")).get("namespace");
        return ns == null ? null : String.valueOf(ns);
    }
}
