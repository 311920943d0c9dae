package io.paycli.sandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the API requests the sandbox received, in total and by route, so a benchmark can report requests per
 * deploy. A route is the method (WATCH for watches) and the path with namespace and name replaced:
 * {@code PATCH /apis/apps/v1/namespaces/{namespace}/deployments/{name}}.
 */
public final class RequestCounter {

    private final AtomicLong total = new AtomicLong();
    private final Map<String, LongAdder> byRoute = new ConcurrentHashMap<>();

    void record(ApiRequest request) {
        total.incrementAndGet();
        String method = request.isWatch() ? "WATCH" : request.method();
        byRoute.computeIfAbsent(method + " " + route(request.path()), k -> new LongAdder()).increment();
    }

    public long total() {
        return total.get();
    }

    /** Requests of one method on one route, for example {@code count("PATCH", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}")}. */
    public long count(String method, String route) {
        LongAdder adder = byRoute.get(method + " " + route);
        return adder == null ? 0 : adder.sum();
    }

    /** All counts by "METHOD route", sorted. */
    public Map<String, Long> byRoute() {
        Map<String, Long> out = new TreeMap<>();
        byRoute.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        total.set(0);
        byRoute.clear();
    }

    /** The path with its namespace and object name replaced by placeholders. */
    static String route(String path) {
        ResourcePath at = ResourcePath.parse(path);
        if (at == null) {
            return path;
        }
        StringBuilder route = new StringBuilder(at.group().isEmpty() ? "/api/" + at.version()
                : "/apis/" + at.group() + "/" + at.version());
        if (at.namespace() != null) {
            route.append("/namespaces/{namespace}");
        }
        route.append('/').append(at.plural());
        if (at.name() != null) {
            route.append("/{name}");
        }
        if (at.subresource() != null) {
            route.append('/').append(at.subresource());
        }
        return route.toString();
    }
}
