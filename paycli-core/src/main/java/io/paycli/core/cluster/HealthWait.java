package io.paycli.core.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paycli.core.cluster.RolloutStatus.Progress;
import io.paycli.core.error.ClusterException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Waits, with watches, until every object is healthy or the deadline passes. One informer per kind and namespace
 * follows the objects; for workloads, one follows the pods and one the Warning events of the namespace, so a wait
 * costs a constant number of requests however many objects it follows. Progress goes out as PROGRESS events when
 * it changes; pod problems and Warning events go out once each as WARNING events.
 */
final class HealthWait {

    private final ClusterClient cluster;

    HealthWait(ClusterClient cluster) {
        this.cluster = cluster;
    }

    /** How long a wait round may sleep before it runs the checkpoint again. */
    static final Duration ROUND = Duration.ofMillis(500);

    Health await(List<ObjectRef> objects, Instant deadline, Consumer<DeployEvent> events, Runnable checkpoint) {
        List<ObjectRef> targets = objects.stream().filter(o -> RolloutStatus.WATCHED.contains(o.kind())).toList();
        if (targets.isEmpty()) {
            return Health.ok();
        }
        Instant started = cluster.clock().instant();
        Signal signal = new Signal();
        Map<String, Watched> watches = new LinkedHashMap<>();
        try {
            for (ObjectRef target : targets) {
                watches.computeIfAbsent(target.apiVersion() + " " + target.kind() + " " + target.namespace(),
                        k -> watch(Call.onKind("watch", target.apiVersion(), target.kind(), target.namespace()),
                                signal));
                if (RolloutStatus.WITH_PODS.contains(target.kind())) {
                    watches.computeIfAbsent("pods " + target.namespace(),
                            k -> watch(Call.onKind("watch", "v1", "Pod", target.namespace()), signal));
                    watches.computeIfAbsent("events " + target.namespace(),
                            k -> watch(Call.onKind("watch", "v1", "Event", target.namespace()), signal));
                }
            }
            return follow(targets, watches, deadline, started, signal, events, checkpoint);
        } finally {
            watches.values().forEach(Watched::close);
        }
    }

    private Health follow(List<ObjectRef> targets, Map<String, Watched> watches, Instant deadline, Instant started,
            Signal signal, Consumer<DeployEvent> events, Runnable checkpoint) {
        Diagnosis diagnosis = new Diagnosis(started.minusSeconds(5), events);
        Map<ObjectRef, Progress> last = new HashMap<>();
        while (true) {
            checkpoint.run();
            long seen = signal.version();
            for (Watched watched : watches.values()) {
                if (watched.failure() != null) {
                    throw translate(watched.call(), watched.failure());
                }
            }
            if (watches.values().stream().allMatch(Watched::synced)) {
                Health health = evaluate(targets, watches, diagnosis, last, events);
                if (health != null) {
                    return health;
                }
            }
            Instant now = cluster.clock().instant();
            if (!now.isBefore(deadline)) {
                return timedOut(targets, watches, diagnosis, last, Duration.between(started, now));
            }
            Duration left = Duration.between(now, deadline);
            signal.awaitChange(seen, left.compareTo(ROUND) < 0 ? left : ROUND);
        }
    }

    /** Healthy, failed, or null while waiting. */
    private Health evaluate(List<ObjectRef> targets, Map<String, Watched> watches, Diagnosis diagnosis,
            Map<ObjectRef, Progress> last, Consumer<DeployEvent> events) {
        boolean allDone = true;
        for (ObjectRef target : targets) {
            Map<String, Object> object = watches.get(target.apiVersion() + " " + target.kind() + " "
                    + target.namespace()).get(target.namespace(), target.name());
            Progress progress = RolloutStatus.of(target.kind(), object);
            if (!progress.equals(last.put(target, progress))) {
                events.accept(new DeployEvent(DeployEvent.Step.WAIT, DeployEvent.Kind.PROGRESS, target,
                        progress.message()));
            }
            if (progress.state() != Progress.State.DONE && object != null
                    && RolloutStatus.WITH_PODS.contains(target.kind())) {
                diagnosis.look(target, object, watches.get("pods " + target.namespace()).all(),
                        watches.get("events " + target.namespace()).all());
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

    private Health timedOut(List<ObjectRef> targets, Map<String, Watched> watches, Diagnosis diagnosis,
            Map<ObjectRef, Progress> last, Duration waited) {
        for (Watched watched : watches.values()) {
            // A server that kept failing is a cluster problem, not an unhealthy release.
            if (!watched.synced() && watched.lastError() != null) {
                throw translate(watched.call(), watched.lastError());
            }
        }
        for (ObjectRef target : targets) {
            Progress progress = last.get(target);
            if (progress == null || progress.state() != Progress.State.DONE) {
                String status = progress == null ? "not seen yet" : progress.message();
                String why = diagnosis.firstProblem(target);
                String reason = target + ": " + (why != null ? why + " (" + status + ")" : status)
                        + "; not healthy after " + waited.toSeconds() + " s";
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

    private Watched watch(Call call, Signal signal) {
        var source = cluster.in(call.apiVersion(), call.kind(), call.namespace());
        if (call.kind().equals("Event")) {
            return new Watched(cluster, call, source.withField("type", "Warning"), signal::poke);
        }
        return new Watched(cluster, call, source, signal::poke);
    }

    private RuntimeException translate(Call call, Throwable failure) {
        KubernetesClientException e = Transient.clientException(failure);
        if (e != null) {
            return cluster.calls().errors().translate(call, e, 1);
        }
        return new ClusterException(call.describe() + " in context " + cluster.context() + ": " + failure, failure);
    }
}
