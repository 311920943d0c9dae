package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paycli.core.error.ClusterException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Runs requests and turns their failures into paycli's errors. Idempotent requests (get, list, delete, watch,
 * server-side apply) are retried after a 429, a 5xx or a dropped connection, with exponential backoff, the
 * server's Retry-After, and never past the deadline; other requests are sent once. Within a deploy the deadline is
 * the deploy's, however many attempts that takes, so a control plane that restarts for a minute is ridden out;
 * otherwise each request has a short budget. The client's own retry is switched off (see {@link ClusterClient})
 * so that this is the only one.
 */
final class ApiCalls {

    private final ClusterErrors errors;
    private final RetryPolicy policy;
    private final ServerBackoff backoff;
    private final Clock clock;
    private volatile Instant operationDeadline;

    ApiCalls(ClusterErrors errors, RetryPolicy policy, ServerBackoff backoff, Clock clock) {
        this.errors = errors;
        this.policy = policy;
        this.backoff = backoff;
        this.clock = clock;
    }

    ClusterErrors errors() {
        return errors;
    }

    /** Retries until this deadline instead of a budget per request; null for the budget. */
    void retryUntil(Instant deadline) {
        operationDeadline = deadline;
    }

    <T> T idempotent(Call call, Supplier<T> request) {
        Instant deadline = operationDeadline;
        boolean bounded = deadline == null;
        Instant end = bounded ? clock.instant().plus(policy.budget()) : deadline;
        for (int attempt = 1;; attempt++) {
            try {
                return request.get();
            } catch (KubernetesClientException e) {
                if (!retryable(call, e) || (bounded && attempt >= policy.maxAttempts())) {
                    throw errors.translate(call, e, attempt);
                }
                Duration wait = longest(policy.delayBefore(attempt + 1), retryAfter(e));
                if (clock.instant().plus(wait).isAfter(end)) {
                    throw errors.translate(call, e, attempt);
                }
                sleep(wait);
            }
        }
    }

    /**
     * A 409 to an apply without a field manager conflict means the server's own retries of the apply ran out under
     * concurrent writes; unlike a conflict over field ownership, it passes when sent again.
     */
    private static boolean retryable(Call call, KubernetesClientException e) {
        if (Transient.isRetryable(e)) {
            return true;
        }
        return e.getCode() == 409 && call.verb().equals("apply") && !ClusterErrors.isFieldConflict(e);
    }

    /** A request that must not be repeated blindly (a create): one try, failures translated. */
    <T> T once(Call call, Supplier<T> request) {
        try {
            return request.get();
        } catch (KubernetesClientException e) {
            throw errors.translate(call, e, 1);
        }
    }

    private Duration retryAfter(KubernetesClientException e) {
        Status status = e.getStatus();
        Duration fromBody = Duration.ZERO;
        if (status != null && status.getDetails() != null && status.getDetails().getRetryAfterSeconds() != null) {
            fromBody = Duration.ofSeconds(status.getDetails().getRetryAfterSeconds());
        }
        return longest(fromBody, backoff.remaining());
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while waiting to retry a request to the API server", e);
        }
    }
}
