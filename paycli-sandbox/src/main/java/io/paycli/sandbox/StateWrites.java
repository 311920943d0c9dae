package io.paycli.sandbox;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests that changed what the sandbox stores: POST, PUT, PATCH and DELETE that were not a dry run and
 * that the server accepted. Access reviews are not counted (they store nothing), nor refused or faulted requests.
 * A test asks "did this run write anything?" in-process with {@link Sandbox#writes()}, or over HTTP with
 * {@code GET /sandbox/writes}, which answers {@code {"writes": N, "byRoute": {...}}}.
 */
public final class StateWrites {
    /** The sandbox's own endpoint; outside /api and /apis, so no Kubernetes client ever calls it by accident. */
    public static final String PATH = "/sandbox/writes";
    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AtomicLong total = new AtomicLong();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();

    void record(ApiRequest request, int status) {
        if (!METHODS.contains(request.method().toUpperCase(Locale.ROOT)) || request.dryRun() || status >= 300
                || request.path().startsWith("/apis/authorization.k8s.io/")
                || request.path().startsWith("/apis/authentication.k8s.io/")) {
            return;
        }
        total.incrementAndGet();
        byRoute.computeIfAbsent(request.method() + " " + RequestCounter.route(request.path()), k -> new LongAdder())
                .increment();
    }

    /** Accepted state-changing requests since the start or the last {@link #reset()}. */
    public long count() {
        return total.get();
    }

    /** The same, by "METHOD route", sorted: what a test prints when it expected none. */
    public Map<String, Long> byRoute() {
        Map<String, Long> out = new TreeMap<>();
        byRoute.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        total.set(0);
        byRoute.clear();
    }

    ApiResponse answer() {
        return new ApiResponse(200, Json.write(Map.of("writes", count(), "byRoute", byRoute())), Map.of());
    }
}
