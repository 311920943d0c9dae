package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.HealthWatch;
import io.paycli.core.cluster.WaitRules;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.PaycliException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Puts one set of manifests in place: apply in order, prune what the set no longer holds, wait
 * for health. Used for a new revision, an automatic rollback and {@code paycli rollback} alike.
 */
final class Rollout {
    static final Set<String> WAITED_KINDS =
            Set.of("Deployment", "StatefulSet", "DaemonSet", "Job", "HorizontalPodAutoscaler");

    private final ClusterGateway cluster;
    private final Consumer<DeployEvent> events;
    private final Duration failFastGrace;
    private final Runnable checkpoint;
    /** The server's time of each object's write in the last apply: what the wait after it counts from. */
    private final Map<ObjectRef, Instant> appliedAt = new HashMap<>();
    /** Each object as the server answered the last apply. */
    private final Map<ObjectRef, Map<String, Object>> answers = new HashMap<>();
    /** The watches of the wait after the last apply, started once its objects were applied; null when none. */
    private HealthWatch ahead;

    /**
     * @param checkpoint runs before every request that changes the cluster; it throws to stop the rollout (the
     *        lock was lost, or the deploy was asked to stop)
     */
    Rollout(ClusterGateway cluster, Consumer<DeployEvent> events, Duration failFastGrace, Runnable checkpoint) {
        this.cluster = cluster;
        this.events = events;
        this.failFastGrace = failFastGrace;
        this.checkpoint = checkpoint;
    }

    /** Applies every manifest in the given (apply) order. */
    List<ObjectRef> apply(List<Manifest> manifests, Instant deadline) {
        return apply(manifests, List.of(), deadline, false);
    }

    /** As {@link #apply(List, List, Instant, boolean)}, with no wait to follow. */
    List<ObjectRef> apply(List<Manifest> manifests, List<Manifest> replaced, Instant deadline) {
        return apply(manifests, replaced, deadline, false);
    }

    /**
     * Applies every manifest in the given (apply) order; {@code replaced} are the manifests of the revision in
     * place (empty when there is none), to see which workloads lose their autoscaler. The objects of one
     * {@link ApplyGroups group} are applied at once, each group only once the one before it is in place. The
     * events of each object are told in apply order, and a failure is that of the first object, in apply order,
     * that failed; no apply is still in flight when this returns or throws. With {@code thenWait}, the watches of
     * the {@link #await wait} that follows start as soon as the last object it waits for is applied.
     */
    List<ObjectRef> apply(List<Manifest> manifests, List<Manifest> replaced, Instant deadline, boolean thenWait) {
        events.accept(DeployEvent.step(Step.APPLY, Kind.STARTED, objects(manifests.size())));
        Autoscaling autoscaling = new Autoscaling(manifests, replaced);
        List<ObjectRef> applied = new ArrayList<>();
        appliedAt.clear();
        answers.clear();
        stopWatching();
        List<ObjectRef> waited = thenWait ? waited(manifests) : List.of();
        try {
            for (List<Manifest> group : ApplyGroups.of(manifests)) {
                applyGroup(group, autoscaling, deadline, applied);
                if (!waited.isEmpty() && ahead == null && applied.containsAll(waited)) {
                    ahead = watchAhead(waited);
                }
            }
        } catch (RuntimeException e) {
            stopWatching();
            throw e;
        }
        events.accept(DeployEvent.step(Step.APPLY, Kind.DONE, objects(applied.size()) + " applied"));
        return applied;
    }

    /**
     * The watches of the coming wait, started while the objects after the workloads are applied and the prune
     * runs; null when they cannot be had now (the wait then starts its own, and says why it cannot).
     */
    private HealthWatch watchAhead(List<ObjectRef> waited) {
        try {
            return cluster.watchHealth(waited, answers);
        } catch (PaycliException e) {
            return null;
        }
    }

    private void stopWatching() {
        if (ahead != null) {
            ahead.close();
            ahead = null;
        }
    }

    private static List<ObjectRef> waited(List<Manifest> manifests) {
        return manifests.stream().filter(m -> WAITED_KINDS.contains(m.kind())).map(ObjectRef::of).toList();
    }

    /** Applies one group, its objects at once; adds them to {@code applied} in order, up to the first failure. */
    private void applyGroup(List<Manifest> group, Autoscaling autoscaling, Instant deadline, List<ObjectRef> applied) {
        List<Function<Consumer<DeployEvent>, Applied>> work = group.stream()
                .map(m -> (Function<Consumer<DeployEvent>, Applied>) told -> applyOne(m, autoscaling, deadline, told))
                .toList();
        ToldInOrder.run(cluster, work, events, one -> {
            answers.put(one.ref(), one.answer());
            Instant written = WaitRules.writtenAt(one.answer());
            if (written != null) {
                appliedAt.put(one.ref(), written);
            }
            applied.add(one.ref());
            events.accept(DeployEvent.resource(Step.APPLY, one.ref(), "applied"));
        });
    }

    /** One object as the server answered its apply. */
    private record Applied(ObjectRef ref, Map<String, Object> answer) {
    }

    /**
     * Applies one object, with what it needs first: the handover of spec.replicas to a new autoscaler, or the
     * autoscaler's count kept for a workload that loses it. Runs beside the other objects of its group, so it tells
     * its events to {@code told}, not to the shared consumer.
     */
    private Applied applyOne(Manifest m, Autoscaling autoscaling, Instant deadline, Consumer<DeployEvent> told) {
        Manifest intent = m;
        if (autoscaling.scaled(m)) {
            // Before the first apply without spec.replicas, or the server resets the count to 1.
            checkpoint.run();
            cluster.handOverReplicas(m, false);
        } else if (autoscaling.losesAutoscaler(m)) {
            intent = keepAutoscalerCount(m, told);
        }
        return new Applied(ObjectRef.of(m), applyOne(intent, deadline, told));
    }

    /**
     * Applies a set that is the revision in place already, and returns the objects the apply changed: those that
     * someone changed (kubectl scale, set image, edit of a rendered field) or deleted since. Each object is read
     * before its apply to tell (all of them at once), so only a redeploy of the same render pays a GET per object.
     */
    List<ObjectRef> reapply(List<Manifest> manifests, Instant deadline) {
        List<ObjectRef> refs = manifests.stream().map(ObjectRef::of).toList();
        List<String> texts = cluster.concurrently(refs.stream()
                .map(ref -> (Supplier<String>) () -> cluster.get(ref).map(Differ::text).orElse(null)).toList());
        Map<ObjectRef, String> before = new LinkedHashMap<>();
        for (int i = 0; i < refs.size(); i++) {
            before.put(refs.get(i), texts.get(i));
        }
        apply(manifests, deadline);
        List<ObjectRef> changed = new ArrayList<>();
        before.forEach((ref, text) -> {
            Map<String, Object> after = answers.get(ref);
            if (text == null || after == null || !text.equals(Differ.text(after))) {
                changed.add(ref);
            }
        });
        return changed;
    }

    /**
     * An apply to an object that is being deleted (a finalizer holds it) succeeds and is then lost with the
     * object; so such an object is waited for until it is gone, within the deadline, and applied again.
     */
    private Map<String, Object> applyOne(Manifest m, Instant deadline, Consumer<DeployEvent> told) {
        checkpoint.run();
        Map<String, Object> live = cluster.apply(m, false, told);
        if (live != null && live.get("metadata") instanceof Map<?, ?> meta && meta.get("deletionTimestamp") != null) {
            ObjectRef ref = ObjectRef.of(m);
            told.accept(DeployEvent.resource(Step.APPLY, ref, "is still being deleted (finalizers "
                    + meta.get("finalizers") + "); waiting until it is gone to create it again"));
            cluster.awaitDeleted(ref, deadline, checkpoint);
            checkpoint.run();
            live = cluster.apply(m, false, told);
        }
        return live;
    }

    /**
     * A workload whose autoscaler this deploy removes: its autoscaler is pruned only after the apply, so the
     * larger of the render's count and the live one is applied now. The release records the render, so the next
     * deploy applies the render's count.
     */
    private Manifest keepAutoscalerCount(Manifest m, Consumer<DeployEvent> told) {
        int rendered = Autoscaling.replicas(m);
        Object live = cluster.get(ObjectRef.of(m)).map(o -> o.get("spec") instanceof Map<?, ?> spec
                ? spec.get("replicas") : null).orElse(null);
        if (!(live instanceof Number current) || current.intValue() <= rendered) {
            return m;
        }
        told.accept(DeployEvent.resource(Step.APPLY, ObjectRef.of(m), "keeping " + current.intValue()
                + " replicas (the autoscaler's count) instead of " + rendered + " until the HorizontalPodAutoscaler"
                + " is removed; the next deploy applies " + rendered));
        return Autoscaling.withReplicas(m, current.intValue());
    }

    /**
     * Deletes the candidates (from {@link PruneCandidates}) that still exist and still carry this app's inventory
     * labels: an object someone else took over, relabelled or already deleted is left alone, and so is a
     * ConfigMap that a live workload of the app still uses (a colour that serves, or may serve again).
     */
    List<ObjectRef> prune(String app, String env, List<ObjectRef> candidates) {
        events.accept(DeployEvent.step(Step.PRUNE, Kind.STARTED, "objects of " + app + " (" + env
                + ") no longer rendered"));
        Map<String, String> inventory = Labels.inventory(app, env);
        List<ObjectRef> pruned = new ArrayList<>();
        Set<String> mounted = null; // listed once, and only when a ConfigMap would go
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
            if (candidate.kind().equals("ConfigMap")) {
                if (mounted == null) {
                    mounted = MountedConfigMaps.of(cluster, candidate.namespace(), inventory, answers.keySet());
                }
                if (mounted.contains(candidate.name())) {
                    events.accept(DeployEvent.resource(Step.PRUNE, candidate, "kept: mounted by a live workload of "
                            + app + " (" + env + ")"));
                    continue;
                }
            }
            checkpoint.run();
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
        if (!(object.get("metadata") instanceof Map<?, ?> metadata)
                || !(metadata.get("labels") instanceof Map<?, ?> live)) {
            return false;
        }
        return labels.entrySet().stream().allMatch(e -> e.getValue().equals(live.get(e.getKey())));
    }

    /**
     * Waits for the workloads of the last apply. {@code stop} runs every round: a rollback's wait may be cut
     * short by a signal, while its apply is not.
     */
    Health await(List<Manifest> manifests, Instant deadline, Runnable stop) {
        List<ObjectRef> targets = waited(manifests);
        events.accept(DeployEvent.step(Step.WAIT, Kind.STARTED, objects(targets.size()) + " to become healthy"));
        HealthWatch started = ahead != null && ahead.objects().equals(targets) ? ahead : null;
        if (started == null) {
            stopWatching();
        }
        ahead = null;
        WaitRules rules = new WaitRules(appliedAt, failFastGrace);
        Health health = targets.isEmpty() ? Health.ok() : started != null
                ? cluster.awaitHealthy(started, deadline, rules, events, stop)
                : cluster.awaitHealthy(targets, deadline, rules, events, stop);
        events.accept(DeployEvent.step(Step.WAIT, health.healthy() ? Kind.DONE : Kind.FAILED, health.reason()));
        return health;
    }

    private static String objects(int n) {
        return n == 1 ? "1 object" : n + " objects";
    }
}
