package io.paycli.core.cluster;

import java.time.Duration;

/**
 * How idempotent requests are retried after a 429, a 5xx or a dropped connection: exponential backoff from
 * {@code firstDelay}, at most {@code maxAttempts} tries, and never past {@code budget} from the first try (or the
 * caller's deadline, when that comes first).
 */
record RetryPolicy(Duration firstDelay, int maxAttempts, Duration budget) {

    static RetryPolicy standard() {
        return new RetryPolicy(Duration.ofMillis(200), 5, Duration.ofSeconds(60));
    }

    /** Exponential from {@code firstDelay}, at most two seconds: a long retry should still notice recovery soon. */
    Duration delayBefore(int attempt) {
        Duration delay = firstDelay.multipliedBy(1L << Math.min(attempt - 2, 10));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    private static final Duration MAX_DELAY = Duration.ofSeconds(2);
}
