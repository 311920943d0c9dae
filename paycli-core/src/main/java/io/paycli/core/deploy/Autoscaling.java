package io.paycli.core.deploy;

import io.paycli.core.model.Manifest;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which workloads a HorizontalPodAutoscaler scales, in the set being applied and in the set it replaces. A
 * workload the new set autoscales carries no replica count and hands spec.replicas over first; a workload whose
 * autoscaler the new set removes keeps the autoscaler's count for this deploy when that is larger than the render's
 * (the autoscaler is only pruned after the apply, and scaling down before that would cut capacity under load).
 */
final class Autoscaling {
    private static final Set<String> SCALED_KINDS = Set.of("Deployment", "StatefulSet");

    private final Set<String> now;
    private final Set<String> before;

    /** {@code replaced}: the manifests of the revision in place, empty when there is none. */
    Autoscaling(List<Manifest> manifests, List<Manifest> replaced) {
        this.now = targets(manifests);
        this.before = targets(replaced);
    }

    /** The new set autoscales this workload. */
    boolean scaled(Manifest m) {
        return now.contains(key(m));
    }

    /** The revision in place autoscaled this workload, the new set does not, and the render sets a count. */
    boolean losesAutoscaler(Manifest m) {
        return !now.contains(key(m)) && before.contains(key(m)) && replicas(m) != null;
    }

    static Integer replicas(Manifest m) {
        return m.body().get("spec") instanceof Map<?, ?> spec && spec.get("replicas") instanceof Number n
                ? n.intValue() : null;
    }

    /** The same manifest with another replica count. */
    @SuppressWarnings("unchecked")
    static Manifest withReplicas(Manifest m, int replicas) {
        Map<String, Object> body = new LinkedHashMap<>(m.body());
        Map<String, Object> spec = body.get("spec") instanceof Map<?, ?> s
                ? new LinkedHashMap<>((Map<String, Object>) s) : new LinkedHashMap<>();
        spec.put("replicas", replicas);
        body.put("spec", spec);
        return new Manifest(m.apiVersion(), m.kind(), m.namespace(), m.name(), body, m.source());
    }

    /** Workloads of the set that an HPA of the same set scales. */
    private static Set<String> targets(List<Manifest> manifests) {
        Set<String> targets = new HashSet<>();
        for (Manifest m : manifests) {
            if (m.kind().equals("HorizontalPodAutoscaler")
                    && m.body().get("spec") instanceof Map<?, ?> spec
                    && spec.get("scaleTargetRef") instanceof Map<?, ?> target) {
                targets.add(target.get("kind") + "/" + target.get("name"));
            }
        }
        targets.removeIf(t -> manifests.stream().noneMatch(m -> SCALED_KINDS.contains(m.kind()) && t.equals(key(m))));
        return targets;
    }

    private static String key(Manifest m) {
        return m.kind() + "/" + m.name();
    }
}
