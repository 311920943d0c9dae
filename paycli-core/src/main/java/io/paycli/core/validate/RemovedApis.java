package io.paycli.core.validate;

import java.util.List;
import java.util.Optional;

/**
 * API versions that current Kubernetes no longer serves. Applying one fails with "no matches for
 * kind", which reads like a cluster problem, so we name the replacement up front.
 */
final class RemovedApis {

    /** {@code kind} "*" matches every kind of that apiVersion; {@code replacement} null means none exists. */
    record Removal(String apiVersion, String kind, String release, String replacement) {

        String message(String actualKind) {
            String what = apiVersion + " " + actualKind + " was removed in Kubernetes " + release;
            return replacement == null
                    ? what + " and has no replacement; drop it (use Pod Security Admission instead)"
                    : what + "; use " + replacement;
        }
    }

    private static final List<Removal> REMOVALS = List.of(
            new Removal("extensions/v1beta1", "Ingress", "1.22", "networking.k8s.io/v1"),
            new Removal("extensions/v1beta1", "NetworkPolicy", "1.16", "networking.k8s.io/v1"),
            new Removal("extensions/v1beta1", "PodSecurityPolicy", "1.16", null),
            new Removal("extensions/v1beta1", "*", "1.16", "apps/v1"),
            new Removal("apps/v1beta1", "*", "1.16", "apps/v1"),
            new Removal("apps/v1beta2", "*", "1.16", "apps/v1"),
            new Removal("networking.k8s.io/v1beta1", "*", "1.22", "networking.k8s.io/v1"),
            new Removal("admissionregistration.k8s.io/v1beta1", "*", "1.22", "admissionregistration.k8s.io/v1"),
            new Removal("apiextensions.k8s.io/v1beta1", "*", "1.22", "apiextensions.k8s.io/v1"),
            new Removal("apiregistration.k8s.io/v1beta1", "*", "1.22", "apiregistration.k8s.io/v1"),
            new Removal("authentication.k8s.io/v1beta1", "*", "1.22", "authentication.k8s.io/v1"),
            new Removal("authorization.k8s.io/v1beta1", "*", "1.22", "authorization.k8s.io/v1"),
            new Removal("certificates.k8s.io/v1beta1", "*", "1.22", "certificates.k8s.io/v1"),
            new Removal("coordination.k8s.io/v1beta1", "*", "1.22", "coordination.k8s.io/v1"),
            new Removal("rbac.authorization.k8s.io/v1alpha1", "*", "1.22", "rbac.authorization.k8s.io/v1"),
            new Removal("rbac.authorization.k8s.io/v1beta1", "*", "1.22", "rbac.authorization.k8s.io/v1"),
            new Removal("scheduling.k8s.io/v1alpha1", "*", "1.22", "scheduling.k8s.io/v1"),
            new Removal("scheduling.k8s.io/v1beta1", "*", "1.22", "scheduling.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "CSIStorageCapacity", "1.27", "storage.k8s.io/v1"),
            new Removal("storage.k8s.io/v1beta1", "*", "1.22", "storage.k8s.io/v1"),
            new Removal("batch/v1beta1", "*", "1.25", "batch/v1"),
            new Removal("batch/v2alpha1", "*", "1.21", "batch/v1"),
            new Removal("discovery.k8s.io/v1beta1", "*", "1.25", "discovery.k8s.io/v1"),
            new Removal("events.k8s.io/v1beta1", "*", "1.25", "events.k8s.io/v1"),
            new Removal("autoscaling/v2beta1", "*", "1.25", "autoscaling/v2"),
            new Removal("autoscaling/v2beta2", "*", "1.26", "autoscaling/v2"),
            new Removal("policy/v1beta1", "PodSecurityPolicy", "1.25", null),
            new Removal("policy/v1beta1", "*", "1.25", "policy/v1"),
            new Removal("node.k8s.io/v1beta1", "*", "1.25", "node.k8s.io/v1"),
            new Removal("flowcontrol.apiserver.k8s.io/v1beta1", "*", "1.26", "flowcontrol.apiserver.k8s.io/v1"),
            new Removal("flowcontrol.apiserver.k8s.io/v1beta2", "*", "1.29", "flowcontrol.apiserver.k8s.io/v1"),
            new Removal("flowcontrol.apiserver.k8s.io/v1beta3", "*", "1.32", "flowcontrol.apiserver.k8s.io/v1"));

    private RemovedApis() {
    }

    static Optional<Removal> find(String apiVersion, String kind) {
        return REMOVALS.stream()
                .filter(r -> r.apiVersion.equals(apiVersion) && (r.kind.equals("*") || r.kind.equals(kind)))
                .findFirst();
    }
}
