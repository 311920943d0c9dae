package io.paycli.core.cluster;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;

/**
 * Whether one object is healthy yet, by the rules of {@code kubectl rollout status} for workloads, the Complete or
 * Failed condition for Jobs, and a reported status for HorizontalPodAutoscalers. Pure: it reads the object only.
 */
final class RolloutStatus {

    /** Where an object stands, with a short sentence such as "1 of 2 updated replicas are available". */
    record Progress(State state, String message) {
        /** STOPPED: it will not progress until someone acts; the message says what to do. */
        enum State { WAITING, DONE, FAILED, STOPPED }

        static Progress waiting(String message) {
            return new Progress(State.WAITING, message);
        }

        static Progress done(String message) {
            return new Progress(State.DONE, message);
        }

        static Progress failed(String message) {
            return new Progress(State.FAILED, message);
        }

        static Progress stopped(String message) {
            return new Progress(State.STOPPED, message);
        }
    }

    /** Kinds whose health paycli waits for; anything else is healthy once applied. */
    static final Set<String> WATCHED = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job",
            "HorizontalPodAutoscaler");

    /** Kinds whose pods are looked at while they are not ready. */
    static final Set<String> WITH_PODS = Set.of("Deployment", "StatefulSet", "DaemonSet", "Job");

    private RolloutStatus() {
    }

    static Progress of(String kind, Map<String, Object> object) {
        return of(kind, object, null);
    }

    /**
     * @param appliedAt the server's time of the apply this rollout follows: a ProgressDeadlineExceeded written
     *        before it (left by an earlier rollout, such as the one a rollback undoes) does not count; null counts
     *        every condition
     */
    static Progress of(String kind, Map<String, Object> object, Instant appliedAt) {
        if (object == null) {
            return Progress.waiting("waiting for the object to exist");
        }
        return switch (kind) {
            case "Deployment" -> deployment(object, appliedAt);
            case "StatefulSet" -> statefulSet(object);
            case "DaemonSet" -> daemonSet(object);
            case "Job" -> job(object);
            case "HorizontalPodAutoscaler" -> autoscaler(object);
            default -> Progress.done("applied");
        };
    }

    private static Progress deployment(Map<String, Object> d, Instant appliedAt) {
        long generation = Fields.number(d, 0, "metadata", "generation");
        long observed = Fields.number(d, -1, "status", "observedGeneration");
        if (observed < generation) {
            return Progress.waiting("waiting for the controller to observe generation " + generation);
        }
        Progress byCounts = deploymentCounts(d);
        if (byCounts.state() == Progress.State.DONE) {
            return byCounts;
        }
        if (Boolean.TRUE.equals(Fields.at(d, "spec", "paused"))) {
            String name = Fields.string(d, "metadata", "name");
            return Progress.stopped("paused: run kubectl rollout resume deployment/" + name + " -n "
                    + Fields.string(d, "metadata", "namespace") + ", then deploy again");
        }
        Map<String, Object> progressing = Fields.condition(d, "Progressing");
        if ("ProgressDeadlineExceeded".equals(progressing.get("reason")) && after(progressing, appliedAt)) {
            return Progress.failed("exceeded its progress deadline: " + progressing.getOrDefault("message", ""));
        }
        return byCounts;
    }

    /**
     * Whether a condition was last written after the apply. Server timestamps have whole seconds, so one written
     * in the same second as the apply counts as older: a stale condition must never fail a wait, and a fresh
     * deadline takes at least a second after the apply.
     */
    private static boolean after(Map<String, Object> condition, Instant appliedAt) {
        Instant written = WaitRules.time(condition.get("lastUpdateTime"));
        return appliedAt == null || written == null || written.isAfter(appliedAt.truncatedTo(ChronoUnit.SECONDS));
    }

    private static Progress deploymentCounts(Map<String, Object> d) {
        long wanted = Fields.number(d, 1, "spec", "replicas");
        long replicas = Fields.number(d, 0, "status", "replicas");
        long updated = Fields.number(d, 0, "status", "updatedReplicas");
        long available = Fields.number(d, 0, "status", "availableReplicas");
        if (updated < wanted) {
            return Progress.waiting(updated + " of " + wanted + " replicas are updated");
        }
        if (replicas > updated) {
            return Progress.waiting((replicas - updated) + " old replicas are pending termination");
        }
        if (available < updated) {
            return Progress.waiting(available + " of " + updated + " updated replicas are available");
        }
        return Progress.done("rolled out, " + available + " of " + wanted + " replicas available");
    }

    private static Progress statefulSet(Map<String, Object> s) {
        String strategy = Fields.string(s, "spec", "updateStrategy", "type");
        if (strategy != null && !strategy.equals("RollingUpdate")) {
            return Progress.done("applied (update strategy " + strategy + " has no rollout to follow)");
        }
        long generation = Fields.number(s, 0, "metadata", "generation");
        long observed = Fields.number(s, 0, "status", "observedGeneration");
        if (observed == 0 || observed < generation) {
            return Progress.waiting("waiting for the controller to observe generation " + generation);
        }
        long wanted = Fields.number(s, 1, "spec", "replicas");
        long ready = Fields.number(s, 0, "status", "readyReplicas");
        if (ready < wanted) {
            return Progress.waiting(ready + " of " + wanted + " pods are ready");
        }
        long partition = Fields.number(s, 0, "spec", "updateStrategy", "rollingUpdate", "partition");
        long updated = Fields.number(s, 0, "status", "updatedReplicas");
        if (partition > 0) {
            if (updated < wanted - partition) {
                return Progress.waiting(updated + " of " + (wanted - partition) + " pods updated (partitioned)");
            }
            return Progress.done("partitioned rollout complete, " + updated + " pods updated");
        }
        String update = Fields.string(s, "status", "updateRevision");
        String current = Fields.string(s, "status", "currentRevision");
        if (update != null && !update.equals(current)) {
            return Progress.waiting(updated + " of " + wanted + " pods are at revision " + update);
        }
        return Progress.done("rolled out, " + ready + " of " + wanted + " pods ready");
    }

    private static Progress daemonSet(Map<String, Object> d) {
        String strategy = Fields.string(d, "spec", "updateStrategy", "type");
        if (strategy != null && !strategy.equals("RollingUpdate")) {
            return Progress.done("applied (update strategy " + strategy + " has no rollout to follow)");
        }
        long generation = Fields.number(d, 0, "metadata", "generation");
        long observed = Fields.number(d, -1, "status", "observedGeneration");
        if (observed < generation) {
            return Progress.waiting("waiting for the controller to observe generation " + generation);
        }
        long desired = Fields.number(d, 0, "status", "desiredNumberScheduled");
        long updated = Fields.number(d, 0, "status", "updatedNumberScheduled");
        long available = Fields.number(d, 0, "status", "numberAvailable");
        if (updated < desired) {
            return Progress.waiting(updated + " of " + desired + " updated pods are scheduled");
        }
        if (available < desired) {
            return Progress.waiting(available + " of " + desired + " updated pods are available");
        }
        return Progress.done("rolled out, " + available + " of " + desired + " pods available");
    }

    private static Progress job(Map<String, Object> j) {
        Map<String, Object> failed = Fields.condition(j, "Failed");
        if ("True".equals(failed.get("status"))) {
            String message = failed.get("message") == null ? "" : ": " + failed.get("message");
            return Progress.failed("failed: " + failed.getOrDefault("reason", "Failed") + message);
        }
        if ("True".equals(Fields.condition(j, "Complete").get("status"))) {
            return Progress.done("complete, " + Fields.number(j, 0, "status", "succeeded") + " succeeded");
        }
        return Progress.waiting("running: " + Fields.number(j, 0, "status", "active") + " active, "
                + Fields.number(j, 0, "status", "succeeded") + " succeeded, "
                + Fields.number(j, 0, "status", "failed") + " failed");
    }

    private static Progress autoscaler(Map<String, Object> h) {
        String target = Fields.string(h, "spec", "scaleTargetRef", "kind") + " "
                + Fields.string(h, "spec", "scaleTargetRef", "name");
        Object current = Fields.at(h, "status", "currentReplicas");
        boolean acting = "True".equals(Fields.condition(h, "AbleToScale").get("status"))
                || "True".equals(Fields.condition(h, "ScalingActive").get("status"));
        if (current != null || acting) {
            return Progress.done("scaling " + target + ": " + (current == null ? "?" : current) + " current, "
                    + Fields.number(h, 0, "status", "desiredReplicas") + " desired replicas");
        }
        return Progress.waiting("waiting for the autoscaler to report on " + target);
    }
}
