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

    Duration delayBefore(int attempt) {
        return firstDelay.multipliedBy(1L << Math.min(attempt - 2, 10));
    }
}
