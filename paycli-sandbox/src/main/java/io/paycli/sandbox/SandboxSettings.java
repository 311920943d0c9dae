package io.paycli.sandbox;

import java.time.Duration;

/**
 * How fast the simulated cluster moves.
 *
 * @param rolloutDelay time from a workload change to its new status (pods ready, Job complete, HPA acted)
 * @param progressDeadline time after which a rollout that cannot become available reports ProgressDeadlineExceeded
 * @param bookmarkInterval how often watches that allow bookmarks get one
 * @param finalizerDelay when set, simulated controllers put their finalizers on Ingresses, LoadBalancer Services
 *        and PersistentVolumeClaims, and release a deleted object this long after its deletion; null leaves
 *        them out, so deletion is immediate unless a client set finalizers itself
 */
public record SandboxSettings(Duration rolloutDelay, Duration progressDeadline, Duration bookmarkInterval,
        Duration finalizerDelay) {

    public static SandboxSettings defaults() {
        return new SandboxSettings(Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(10), null);
    }

    public SandboxSettings withRolloutDelay(Duration delay) {
        return new SandboxSettings(delay, progressDeadline, bookmarkInterval, finalizerDelay);
    }

    public SandboxSettings withProgressDeadline(Duration deadline) {
        return new SandboxSettings(rolloutDelay, deadline, bookmarkInterval, finalizerDelay);
    }

    public SandboxSettings withBookmarkInterval(Duration interval) {
        return new SandboxSettings(rolloutDelay, progressDeadline, interval, finalizerDelay);
    }

    public SandboxSettings withFinalizerDelay(Duration delay) {
        return new SandboxSettings(rolloutDelay, progressDeadline, bookmarkInterval, delay);
    }
}
