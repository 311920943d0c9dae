package io.paycli.sandbox;

import java.time.Duration;

/**
 * How fast the simulated cluster moves.
 *
 * @param rolloutDelay time from a workload change to its new status (pods ready, Job complete, HPA acted)
 * @param progressDeadline time after which a rollout that cannot become available reports ProgressDeadlineExceeded
 * @param bookmarkInterval how often watches that allow bookmarks get one
 */
public record SandboxSettings(Duration rolloutDelay, Duration progressDeadline, Duration bookmarkInterval) {

    public static SandboxSettings defaults() {
        return new SandboxSettings(Duration.ofMillis(200), Duration.ofSeconds(3), Duration.ofSeconds(10));
    }

    public SandboxSettings withRolloutDelay(Duration delay) {
        return new SandboxSettings(delay, progressDeadline, bookmarkInterval);
    }

    public SandboxSettings withProgressDeadline(Duration deadline) {
        return new SandboxSettings(rolloutDelay, deadline, bookmarkInterval);
    }

    public SandboxSettings withBookmarkInterval(Duration interval) {
        return new SandboxSettings(rolloutDelay, progressDeadline, interval);
    }
}
