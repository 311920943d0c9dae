package io.paycli.core.cluster;

import io.paycli.core.model.ObjectRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Ends a wait early when the new pods of a workload cannot start, instead of holding the deploy lock until the
 * timeout: when every new pod has a container waiting on its image or its config (ErrImagePull, ImagePullBackOff,
 * InvalidImageName, CreateContainerConfigError) for longer than the grace period, or when any new pod crash-loops
 * after {@value #CRASH_RESTARTS} or more restarts. The grace is measured on the monotonic clock from when this wait
 * first saw the state, never by comparing the server's timestamps with this machine's clock. A pod that restarts
 * once or twice during a slow start does not count.
 */
final class FailFast {

    static final Set<String> CANNOT_START = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName",
            "CreateContainerConfigError");
    static final int CRASH_RESTARTS = 3;

    private final Duration grace;
    private final LongSupplier nanos;
    private final Map<ObjectRef, Long> stuckSince = new HashMap<>();

    FailFast(Duration grace, LongSupplier nanos) {
        this.grace = grace;
        this.nanos = nanos;
    }

    /** Why the wait should end now, or null. {@code newPods} are the workload's pods of this rollout. */
    String check(ObjectRef workload, List<Map<String, Object>> newPods) {
        List<String> stuck = new ArrayList<>();
        for (Map<String, Object> pod : newPods) {
            String name = "pod " + Fields.string(pod, "metadata", "name");
            String cannotStart = null;
            for (Map<String, Object> status : statuses(pod)) {
                Map<String, Object> waiting = Fields.map(status, "state", "waiting");
                Object reason = waiting.get("reason");
                long restarts = Fields.number(status, 0, "restartCount");
                if ("CrashLoopBackOff".equals(reason) && restarts >= CRASH_RESTARTS) {
                    return name + ": CrashLoopBackOff after " + restarts + " restarts" + message(waiting);
                }
                if (reason != null && CANNOT_START.contains(reason) && cannotStart == null) {
                    cannotStart = name + ": " + reason + message(waiting);
                }
            }
            if (cannotStart != null) {
                stuck.add(cannotStart);
            }
        }
        if (stuck.isEmpty() || stuck.size() < newPods.size()) {
            stuckSince.remove(workload);
            return null;
        }
        long since = stuckSince.computeIfAbsent(workload, w -> nanos.getAsLong());
        Duration stuckFor = Duration.ofNanos(nanos.getAsLong() - since);
        if (stuckFor.compareTo(grace) < 0) {
            return null;
        }
        String pods = newPods.size() == 1 ? "the new pod" : "all " + newPods.size() + " new pods";
        return stuck.get(0) + " (" + pods + " cannot start, for " + stuckFor.toSeconds()
                + " s; --fail-fast-grace " + grace.toSeconds() + "s)";
    }

    /** How long until a stuck workload's grace runs out, so the wait looks again then; null when none is stuck. */
    Duration untilNextCheck() {
        long now = nanos.getAsLong();
        Duration next = null;
        for (long since : stuckSince.values()) {
            Duration left = grace.minus(Duration.ofNanos(now - since));
            left = left.isNegative() ? Duration.ZERO : left;
            next = next == null || left.compareTo(next) < 0 ? left : next;
        }
        return next == null ? null : next.plusMillis(1);
    }

    private static List<Map<String, Object>> statuses(Map<String, Object> pod) {
        List<Map<String, Object>> statuses = new ArrayList<>(Fields.maps(pod, "status", "initContainerStatuses"));
        statuses.addAll(Fields.maps(pod, "status", "containerStatuses"));
        return statuses;
    }

    private static String message(Map<String, Object> waiting) {
        Object message = waiting.get("message");
        return message == null || String.valueOf(message).isBlank() ? "" : ": " + message;
    }
}
