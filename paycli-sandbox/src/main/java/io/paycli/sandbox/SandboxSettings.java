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
 * @param timelineLimit how many changes {@link Sandbox#timeline()} keeps, the oldest dropped first; 0 records none.
 *        Each entry holds the object's JSON, so the default of 100,000 can hold some hundred megabytes at most
 */
public record SandboxSettings(Duration rolloutDelay, Duration progressDeadline, Duration bookmarkInterval,
        Duration finalizerDelay, int timelineLimit) {

    public static final int DEFAULT_TIMELINE_LIMIT = 100_000;

    public static SandboxSettings defaults() {
        return new SandboxSettings(Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(10), null,
                DEFAULT_TIMELINE_LIMIT);
    }

    public SandboxSettings withTimelineLimit(int limit) {
        return new SandboxSettings(rolloutDelay, progressDeadline, bookmarkInterval, finalizerDelay, limit);
    }

    public SandboxSettings withRolloutDelay(Duration delay) {
        return new SandboxSettings(delay, progressDeadline, bookmarkInterval, finalizerDelay, timelineLimit);
    }

    public SandboxSettings withProgressDeadline(Duration deadline) {
        return new SandboxSettings(rolloutDelay, deadline, bookmarkInterval, finalizerDelay, timelineLimit);
    }

    public SandboxSettings withBookmarkInterval(Duration interval) {
        return new SandboxSettings(rolloutDelay, progressDeadline, interval, finalizerDelay, timelineLimit);
    }

    public SandboxSettings withFinalizerDelay(Duration delay) {
        return new SandboxSettings(rolloutDelay, progressDeadline, bookmarkInterval, delay, timelineLimit);
    }
}
