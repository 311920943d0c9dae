package io.paycli.core.validate;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The platform's rules for pods: sized, probed, pinned, unprivileged and non-root. They are policy,
 * not Kubernetes validity, so the caller decides whether they fail a deploy.
 */
final class PodPolicies {

    private record At(Container container, String path, boolean init) {
        String name() {
            return container.getName() == null ? "unnamed container" : "container " + container.getName();
        }
    }

    private PodPolicies() {
    }

    static void check(PodTemplate pod, Findings findings) {
        for (At at : containers(pod)) {
            resources(at, findings);
            if (pod.longRunning() && !at.init) {
                readiness(at, findings);
            }
            imageTag(at, findings);
            privileged(at, findings);
            runAsNonRoot(at, pod.spec().getSecurityContext(), findings);
        }
    }

    private static List<At> containers(PodTemplate pod) {
        List<At> all = new ArrayList<>();
        List<Container> init = pod.spec().getInitContainers();
        for (int i = 0; i < init.size(); i++) {
            all.add(new At(init.get(i), pod.specPath() + ".initContainers[" + i + "]", true));
        }
        List<Container> main = pod.spec().getContainers();
        for (int i = 0; i < main.size(); i++) {
            all.add(new At(main.get(i), pod.specPath() + ".containers[" + i + "]", false));
        }
        return all;
    }

    private static void resources(At at, Findings findings) {
        ResourceRequirements r = at.container.getResources();
        boolean requests = r != null && r.getRequests() != null && !r.getRequests().isEmpty();
        boolean limits = r != null && r.getLimits() != null && !r.getLimits().isEmpty();
        if (requests && limits) {
            return;
        }
        String missing = !requests && !limits ? "resources.requests and resources.limits"
                : !requests ? "resources.requests" : "resources.limits";
        findings.policy("requests-limits", at.path + ".resources", at.name() + " sets no " + missing);
    }

    private static void readiness(At at, Findings findings) {
        if (at.container.getReadinessProbe() == null) {
            findings.policy("readiness-probe", at.path + ".readinessProbe",
                    at.name() + " has no readinessProbe, so traffic can reach it before it is ready");
        }
    }

    private static void imageTag(At at, Findings findings) {
        String problem = ImageRef.tagProblem(at.container.getImage());
        if (problem != null) {
            findings.policy("image-tag", at.path + ".image", at.name() + ": " + problem);
        }
    }

    private static void privileged(At at, Findings findings) {
        SecurityContext sc = at.container.getSecurityContext();
        if (sc != null && Boolean.TRUE.equals(sc.getPrivileged())) {
            findings.policy("privileged", at.path + ".securityContext.privileged",
                    at.name() + " is privileged, which gives it root on the node");
        }
    }

    /** The container's own setting wins over the pod's, as in the kubelet. */
    private static void runAsNonRoot(At at, PodSecurityContext podContext, Findings findings) {
        SecurityContext own = at.container.getSecurityContext();
        Boolean ownValue = own == null ? null : own.getRunAsNonRoot();
        Boolean effective = ownValue != null ? ownValue : podContext == null ? null : podContext.getRunAsNonRoot();
        if (Boolean.TRUE.equals(effective)) {
            return;
        }
        String message = Boolean.FALSE.equals(ownValue)
                ? at.name() + " sets runAsNonRoot: false"
                : at.name() + " may run as root: set securityContext.runAsNonRoot: true on the pod or the container";
        findings.policy("run-as-non-root", at.path + ".securityContext.runAsNonRoot", message);
    }
}
