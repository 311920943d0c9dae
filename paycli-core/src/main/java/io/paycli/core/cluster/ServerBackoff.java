package io.paycli.core.cluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers the Retry-After of the server's last 429 or 503. The client's exception does not carry response
 * headers, and API Priority and Fairness throttles the client as a whole, so one "not before" time serves every
 * request. Recorded in the failure path, which completes before the caller sees the error.
 */
final class ServerBackoff implements Interceptor {

    private final Clock clock;
    private final AtomicReference<Instant> notBefore = new AtomicReference<>(Instant.EPOCH);

    ServerBackoff(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
        if (response.code() == 429 || response.code() == 503) {
            Duration wait = parse(response.header("Retry-After"));
            if (!wait.isZero()) {
                notBefore.accumulateAndGet(clock.instant().plus(wait), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return CompletableFuture.completedFuture(false);
    }

    /** How long the server asked us to wait from now; zero when it did not ask. */
    Duration remaining() {
        Duration left = Duration.between(clock.instant(), notBefore.get());
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static Duration parse(String header) {
        if (header == null) {
            return Duration.ZERO;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
        } catch (NumberFormatException e) {
            // An HTTP date is allowed too, but the API server sends seconds.
            return Duration.ZERO;
        }
    }
}
