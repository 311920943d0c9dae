package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.Health;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.render.Labels;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Puts one set of manifests in place: apply in order, prune what the set no longer holds, wait
 * for health. Used for a new revision, an automatic rollback and {@code paycli rollback} alike.
 */
final class Rollout {
    static final Set<String> WAITED_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "HorizontalPodAutoscaler");
    private static final Set<String> SCALED_KINDS = Set.of("Deployment", "StatefulSet");

    private final ClusterGateway cluster;
    private final Consumer<DeployEvent> events;

    Rollout(ClusterGateway cluster, Consumer<DeployEvent> events) {
        this.cluster = cluster;
        this.events = events;
    }

    /** Applies every manifest in the given (apply) order. */
    List<ObjectRef> apply(List<Manifest> manifests) {
        events.accept(DeployEvent.step(Step.APPLY, Kind.STARTED, objects(manifests.size())));
        Set<String> autoscaled = autoscaledWorkloads(manifests);
        List<ObjectRef> applied = new ArrayList<>();
        for (Manifest m : manifests) {
            if (autoscaled.contains(m.kind() + "/" + m.name())) {
                // Before the first apply without spec.replicas, or the server resets the count to 1.
                cluster.handOverReplicas(m);
            }
            cluster.apply(m, false);
            ObjectRef ref = ObjectRef.of(m);
            applied.add(ref);
            events.accept(DeployEvent.resource(Step.APPLY, ref, "applied"));
        }
        events.accept(DeployEvent.step(Step.APPLY, Kind.DONE, objects(applied.size()) + " applied"));
        return applied;
    }

    /**
     * Deletes the candidates (from {@link PruneCandidates}) that still exist and still carry this app's inventory
     * labels: an object someone else took over, relabelled or already deleted is left alone.
     */
    List<ObjectRef> prune(String app, String env, List<ObjectRef> candidates) {
        events.accept(DeployEvent.step(Step.PRUNE, Kind.STARTED, "objects of " + app + " (" + env + ") no longer rendered"));
        Map<String, String> inventory = Labels.inventory(app, env);
        List<ObjectRef> pruned = new ArrayList<>();
        for (ObjectRef candidate : candidates) {
            Optional<Map<String, Object>> live;
            try {
                live = cluster.get(candidate);
            } catch (InvalidInputException e) {
                live = Optional.empty(); // its kind is no longer served, so nothing of it is left
            }
            if (live.isEmpty()) {
                continue;
            }
            if (!carries(live.get(), inventory)) {
                events.accept(DeployEvent.resource(Step.PRUNE, candidate, "kept: its labels no longer say it is "
                        + app + " (" + env + ")"));
                continue;
            }
            if (!cluster.deleteUnchanged(candidate, resourceVersion(live.get()))) {
                events.accept(DeployEvent.resource(Step.PRUNE, candidate, "kept: it changed while being pruned"));
                continue;
            }
            pruned.add(candidate);
            events.accept(DeployEvent.resource(Step.PRUNE, candidate, "deleted"));
        }
        events.accept(DeployEvent.step(Step.PRUNE, Kind.DONE, objects(pruned.size()) + " deleted"));
        return pruned;
    }

    private static String resourceVersion(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> metadata && metadata.get("resourceVersion") != null
                ? String.valueOf(metadata.get("resourceVersion")) : null;
    }

    static boolean carries(Map<String, Object> object, Map<String, String> labels) {
        if (!(object.get("metadata") instanceof Map<?, ?> metadata) || !(metadata.get("labels") instanceof Map<?, ?> live)) {
            return false;
        }
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(live.get(e.getKey())));
    }

    Health await(List<Manifest> manifests, Instant deadline) {
        List<ObjectRef> targets = manifests.stream()
                .filter(m -> WAITED_KINDS.contains(m.kind()))
                .map(ObjectRef::of)
                .toList();
        events.accept(DeployEvent.step(Step.WAIT, Kind.STARTED, objects(targets.size()) + " to become healthy"));
        Health health = targets.isEmpty() ? Health.ok() : cluster.awaitHealthy(targets, deadline, events);
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
}
