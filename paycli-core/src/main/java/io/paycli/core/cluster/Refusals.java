package io.paycli.core.cluster;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Remembers the watches the server refused (403 Forbidden, 404 Not Found), by URL path. fabric8 retries a refused
 * watch quietly for ever and its informer keeps serving what it listed, so a wait that can do without a watch
 * learns of the refusal here. Recorded in the failure path, before the client sees the answer.
 */
final class Refusals implements Interceptor {

    private final Map<String, Integer> refused = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    @Override
    public CompletableFuture<Boolean> afterFailure(BasicBuilder builder, HttpResponse<?> response, RequestTags tags) {
        int code = response.code();
        String query = response.request().uri().getRawQuery();
        if ((code == 403 || code == 404) && query != null && query.contains("watch=true")) {
            refused.put(response.request().uri().getPath(), code);
            listeners.forEach(Runnable::run);
        }
        return CompletableFuture.completedFuture(false);
    }

    /** The code a watch of this path was refused with, or 0. */
    int of(String path) {
        return refused.getOrDefault(path, 0);
    }

    /** Runs {@code listener} on each refusal until the returned handle is closed. */
    AutoCloseable onRefusal(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
