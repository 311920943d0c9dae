package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.WaitRules;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.render.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts one set of manifests in place: apply in order, prune what the set no longer holds, wait
 * for health. Used for a new revision, an automatic rollback and {@code paycli rollback} alike.
 */
final class Rollout {
    private static final Set<String> WAITED_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "HorizontalPodAutoscaler");
    private static final Set<String> SCALED_KINDS = Set.of("Deployment", "StatefulSet");

    private final ClusterGateway cluster;
    private final Consumer<DeployEvent> events;
    private final Duration failFastGrace;
    /** The server's time of each object's write in the last apply: what the wait after it counts from. */
    private final Map<ObjectRef, Instant> appliedAt = new HashMap<>();

    Rollout(ClusterGateway cluster, Consumer<DeployEvent> events, Duration failFastGrace) {
        this.cluster = cluster;
        this.events = events;
        this.failFastGrace = failFastGrace;
    }

    /** Applies every manifest in the given (apply) order. */
    List<ObjectRef> apply(List<Manifest> manifests) {
        events.accept(DeployEvent.step(Step.APPLY, Kind.STARTED, objects(manifests.size())));
        Set<String> autoscaled = autoscaledWorkloads(manifests);
        List<ObjectRef> applied = new ArrayList<>();
        appliedAt.clear();
        for (Manifest m : manifests) {
            if (autoscaled.contains(m.kind() + "/" + m.name())) {
                // Before the first apply without spec.replicas, or the server resets the count to 1.
                cluster.handOverReplicas(m);
            }
            Instant written = WaitRules.writtenAt(cluster.apply(m, false));
            ObjectRef ref = ObjectRef.of(m);
            if (written != null) {
                appliedAt.put(ref, written);
            }
            applied.add(ref);
            events.accept(DeployEvent.resource(Step.APPLY, ref, "applied"));
        }
        events.accept(DeployEvent.step(Step.APPLY, Kind.DONE, objects(applied.size()) + " applied"));
        return applied;
    }

    /**
     * Deletes the objects of this app and environment that {@code keep} no longer holds, found by
     * their inventory labels. ConfigMaps in {@code keepConfigMaps} stay, so that pods of recent
     * revisions, and a rollback to them, still find their config.
     */
    List<ObjectRef> prune(String namespace, String app, String env, List<ObjectRef> keep, Set<String> keepConfigMaps) {
        events.accept(DeployEvent.step(Step.PRUNE, Kind.STARTED, "objects of " + app + " (" + env + ") no longer rendered"));
        Set<String> kept = new HashSet<>();
        keep.forEach(r -> kept.add(identity(r)));
        List<ObjectRef> pruned = new ArrayList<>();
        for (ObjectRef live : cluster.list(namespace, Labels.inventory(app, env))) {
            boolean keptConfig = live.kind().equals("ConfigMap") && keepConfigMaps.contains(live.name());
            if (!kept.contains(identity(live)) && !keptConfig) {
                cluster.delete(live);
                pruned.add(live);
                events.accept(DeployEvent.resource(Step.PRUNE, live, "deleted"));
            }
        }
        events.accept(DeployEvent.step(Step.PRUNE, Kind.DONE, objects(pruned.size()) + " deleted"));
        return pruned;
    }

    Health await(List<Manifest> manifests, Instant deadline) {
        List<ObjectRef> targets = manifests.stream()
                .filter(m -> WAITED_KINDS.contains(m.kind()))
                .map(ObjectRef::of)
                .toList();
        events.accept(DeployEvent.step(Step.WAIT, Kind.STARTED, objects(targets.size()) + " to become healthy"));
        Health health = targets.isEmpty() ? Health.ok() : cluster.awaitHealthy(targets, deadline,
                new WaitRules(appliedAt, failFastGrace), events);
        events.accept(DeployEvent.step(Step.WAIT, health.healthy() ? Kind.DONE : Kind.FAILED, health.reason()));
        return health;
    }

    /** Workloads that an HPA of the same set scales and that therefore carry no replica count. */
    private static Set<String> autoscaledWorkloads(List<Manifest> manifests) {
        Set<String> targets = new HashSet<>();
        for (Manifest m : manifests) {
            if (m.kind().equals("HorizontalPodAutoscaler")
                    && m.body().get("spec") instanceof Map<?, ?> spec
                    && spec.get("scaleTargetRef") instanceof Map<?, ?> target) {
                targets.add(target.get("kind") + "/" + target.get("name"));
            }
        }
        targets.removeIf(t -> manifests.stream().noneMatch(m -> SCALED_KINDS.contains(m.kind())
                && t.equals(m.kind() + "/" + m.name())));
        return targets;
    }

    private static String objects(int n) {
        return n == 1 ? "1 object" : n + " objects";
    }

    /** Versions of one kind are views of the same object, so the apiVersion is left out. */
    private static String identity(ObjectRef ref) {
        return ref.kind() + "/" + ref.namespace() + "/" + ref.name();
    }
}
