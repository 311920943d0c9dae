package io.paycli.core.cluster;

import io.paycli.core.cluster.RolloutStatus.Progress;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Waits, with watches, until every object is healthy, fails, or the deadline passes. One informer per kind and
 * namespace follows the objects; for workloads, one per selector follows their pods and one the Warning events of
 * the namespace (both best effort, see {@link WaitWatches}), so a wait costs a constant number of requests however
 * many objects it follows. Progress goes out as PROGRESS events when it changes; pod problems and Warning events go
 * out once each as WARNING events. New pods that cannot start end the wait early ({@link FailFast}).
 */
final class HealthWait {

    private final ClusterClient cluster;
    /** Watches started and not closed yet: closed with the gateway at the latest. */
    private final Set<HealthWatch> open = ConcurrentHashMap.newKeySet();

    HealthWait(ClusterClient cluster) {
        this.cluster = cluster;
    }

    /** How long a wait round may sleep before it runs the checkpoint again. */
    static final Duration ROUND = Duration.ofMillis(500);

    Health await(List<ObjectRef> objects, Instant deadline, WaitRules rules, Consumer<DeployEvent> events,
            Runnable checkpoint) {
        return await(watch(objects, Map.of()), deadline, rules, events, checkpoint);
    }

    /**
     * Starts the watches of a wait: the workloads' kinds, Warning events, and the pods of each workload that its
     * apply set rolling, by the selector the applied object names (a selector cannot change, so these are the pods
     * the wait looks at).
     */
    HealthWatch watch(List<ObjectRef> objects, Map<ObjectRef, Map<String, Object>> applied) {
        List<ObjectRef> targets = objects.stream().filter(o -> RolloutStatus.WATCHED.contains(o.kind())).toList();
        if (targets.isEmpty()) {
            return HealthWatch.deferred(targets);
        }
        Signal signal = new Signal();
        WaitWatches watches = new WaitWatches(cluster, signal);
        HealthWatch started = new HealthWatch(targets, signal, watches, open::remove);
        open.add(started);
        try {
            targets.forEach(watches::follow);
            targets.forEach(t -> {
                Map<String, Object> answer = applied.get(t);
                // A workload the apply did not set rolling needs no pods watched, as when the wait finds it done.
                if (answer != null && RolloutStatus.of(t.kind(), answer, WaitRules.writtenAt(answer)).state()
                        != Progress.State.DONE) {
                    watches.followPods(t, answer);
                }
            });
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        return started;
    }

    /** Waits with the watches started by {@link #watch}, and closes them. */
    Health await(HealthWatch started, Instant deadline, WaitRules rules, Consumer<DeployEvent> events,
            Runnable checkpoint) {
        try (started) {
            if (started.objects().isEmpty()) {
                return Health.ok();
            }
            if (started.watches() == null) {
                return await(started.objects(), deadline, rules, events, checkpoint);
            }
            started.watches().tellTo(events);
            return follow(started.objects(), started.watches(), deadline, rules, started.signal(), events,
                    checkpoint);
        }
    }

    /** Closes the watches that were started and never waited on (a step between failed). */
    void close() {
        List.copyOf(open).forEach(HealthWatch::close);
    }

    private Health follow(List<ObjectRef> targets, WaitWatches watches, Instant deadline, WaitRules rules,
            Signal signal, Consumer<DeployEvent> events, Runnable checkpoint) {
        Instant started = cluster.clock().instant();
        Diagnosis diagnosis = new Diagnosis(events);
        FailFast failFast = new FailFast(rules.failFastGrace(), System::nanoTime);
        Map<ObjectRef, Progress> last = new HashMap<>();
        while (true) {
            checkpoint.run();
            long seen = signal.version();
            RuntimeException broken = watches.failure();
            if (broken != null) {
                throw broken;
            }
            if (watches.synced()) {
                Health health = evaluate(targets, watches, rules, diagnosis, failFast, last, events);
                if (health != null) {
                    return health;
                }
            }
            Instant now = cluster.clock().instant();
            if (!now.isBefore(deadline)) {
                return timedOut(targets, watches, diagnosis, last, Duration.between(started, now));
            }
            Duration wait = Duration.between(now, deadline);
            Duration check = failFast.untilNextCheck();
            if (check != null && check.compareTo(wait) < 0) {
                wait = check;
            }
            signal.awaitChange(seen, wait.compareTo(ROUND) < 0 ? wait : ROUND);
        }
    }

    /** Healthy, failed, or null while waiting. */
    private Health evaluate(List<ObjectRef> targets, WaitWatches watches, WaitRules rules, Diagnosis diagnosis,
            FailFast failFast, Map<ObjectRef, Progress> last, Consumer<DeployEvent> events) {
        boolean allDone = true;
        for (ObjectRef target : targets) {
            Map<String, Object> object = watches.object(target);
            Instant appliedAt = rules.appliedAt(target);
            Progress progress = RolloutStatus.of(target.kind(), object, appliedAt);
            if (!progress.equals(last.put(target, progress))) {
                events.accept(new DeployEvent(DeployEvent.Step.WAIT, DeployEvent.Kind.PROGRESS, target,
                        progress.message()));
            }
            if (progress.state() == Progress.State.STOPPED) {
                return Health.failed(target + ": " + progress.message(), details(progress, diagnosis, target));
            }
            if (progress.state() != Progress.State.DONE && object != null
                    && RolloutStatus.WITH_PODS.contains(target.kind())) {
                List<Map<String, Object>> pods = watches.pods(target, object);
                diagnosis.look(target, object, pods, watches.warningEvents(target.namespace()), appliedAt);
                String hopeless = progress.state() == Progress.State.WAITING
                        ? failFast.check(target, Diagnosis.newPods(object, pods, appliedAt)) : null;
                if (hopeless != null) {
                    return Health.failed(target + ": " + hopeless, details(progress, diagnosis, target));
                }
            }
            if (progress.state() == Progress.State.FAILED) {
                String why = diagnosis.firstProblem(target);
                return Health.failed(target + ": " + (why != null ? why : progress.message()),
                        details(progress, diagnosis, target));
            }
            allDone &= progress.state() == Progress.State.DONE;
        }
        return allDone ? Health.ok() : null;
    }

    private Health timedOut(List<ObjectRef> targets, WaitWatches watches, Diagnosis diagnosis,
            Map<ObjectRef, Progress> last, Duration waited) {
        for (Watched watched : watches.required()) {
            // A server that kept failing is a cluster problem, not an unhealthy release.
            if (!watched.synced() && watched.lastError() != null) {
                throw watches.translate(watched.call(), watched.lastError());
            }
        }
        for (ObjectRef target : targets) {
            Progress progress = last.get(target);
            if (progress == null || progress.state() != Progress.State.DONE) {
                String status = progress == null ? "not seen yet" : progress.message();
                String why = diagnosis.firstProblem(target);
                String reason = target + ": " + (why != null ? why + " (" + status + ")" : status)
                        + "; not healthy after " + String.format(Locale.ROOT, "%.1f", waited.toMillis() / 1000.0)
                        + " s";
                return Health.failed(reason, progress == null ? diagnosis.lines(target)
                        : details(progress, diagnosis, target));
            }
        }
        return Health.ok();
    }

    private static List<String> details(Progress progress, Diagnosis diagnosis, ObjectRef target) {
        List<String> details = new ArrayList<>();
        details.add(target + ": " + progress.message());
        details.addAll(diagnosis.lines(target));
        return details;
    }
}
