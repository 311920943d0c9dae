package io.paycli.core.cluster;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paycli.core.error.ClusterException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.ObjectRef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The watches of one wait. Those on the workloads themselves are required: a wait cannot go on without them. Those
 * on pods (one per distinct workload selector, by its matchLabels) and on the namespace's Warning events only
 * explain a slow rollout, so they are best effort: a deployer whose role does not let it list or watch them gets
 * one warning, and the wait goes on by the workloads' own status.
 */
final class WaitWatches implements AutoCloseable {

    private final ClusterClient cluster;
    private final Signal signal;
    /** Where warnings go: set by the wait that takes these watches over, which may start after them. */
    private volatile Consumer<DeployEvent> events = e -> { };
    private final Map<String, Watched> workloads = new LinkedHashMap<>();
    private final Map<String, Watched> pods = new LinkedHashMap<>();
    private final Map<String, Watched> warnings = new LinkedHashMap<>();
    /** "pods NAMESPACE" or "events NAMESPACE" that cannot be watched. */
    private final Set<String> unavailable = new HashSet<>();

    WaitWatches(ClusterClient cluster, Signal signal) {
        this.cluster = cluster;
        this.signal = signal;
    }

    void tellTo(Consumer<DeployEvent> events) {
        this.events = events;
    }

    void follow(ObjectRef target) {
        workloads.computeIfAbsent(key(target), k -> watch(Call.onKind("watch", target.apiVersion(), target.kind(),
                target.namespace()), null));
        if (RolloutStatus.WITH_PODS.contains(target.kind())) {
            warnings.computeIfAbsent(target.namespace(), ns -> watch(Call.onKind("watch", "v1", "Event", ns),
                    Map.of()));
        }
    }

    Map<String, Object> object(ObjectRef target) {
        return workloads.get(key(target)).get(target.namespace(), target.name());
    }

    boolean synced() {
        return workloads.values().stream().allMatch(Watched::synced);
    }

    List<Watched> required() {
        return List.copyOf(workloads.values());
    }

    /**
     * The pods that the workload's selector selects, watched from the first call on; empty while that watch is
     * not synced or cannot be had.
     */
    List<Map<String, Object>> pods(ObjectRef target, Map<String, Object> workload) {
        if (unavailable.contains("pods " + target.namespace())) {
            return List.of();
        }
        Watched watched = followPods(target, workload);
        if (dropped(watched, "pods " + target.namespace(), target, "waiting by the " + target.kind()
                + "'s own status only")) {
            return List.of();
        }
        return watched.synced() ? watched.all() : List.of();
    }

    /** Starts watching the pods the workload's selector selects, unless they are watched already. */
    Watched followPods(ObjectRef target, Map<String, Object> workload) {
        if (!RolloutStatus.WITH_PODS.contains(target.kind())) {
            return null;
        }
        Map<String, String> labels = new TreeMap<>();
        Fields.map(workload, "spec", "selector", "matchLabels").forEach((k, v) -> labels.put(k, String.valueOf(v)));
        return pods.computeIfAbsent(target.namespace() + " " + labels, k -> watch(Call.onKind("watch", "v1", "Pod",
                target.namespace()), labels));
    }

    List<Map<String, Object>> warningEvents(String namespace) {
        Watched watched = warnings.get(namespace);
        if (watched == null || dropped(watched, "events " + namespace, null, "waiting without their Warning events")
                || !watched.synced()) {
            return List.of();
        }
        return watched.all();
    }

    /** A required watch that failed for good (403, 404), as the error to throw; null when all still work. */
    RuntimeException failure() {
        for (Watched watched : workloads.values()) {
            if (watched.failure() != null) {
                return translate(watched.call(), watched.failure());
            }
        }
        return null;
    }

    RuntimeException translate(Call call, Throwable failure) {
        KubernetesClientException e = Transient.clientException(failure);
        if (e != null) {
            return cluster.calls().errors().translate(call, e, 1);
        }
        return new ClusterException(call.describe() + " in context " + cluster.context() + ": " + failure, failure);
    }

    /** Closes a best-effort watch that failed for good, with one warning per namespace and resource. */
    private boolean dropped(Watched watched, String what, ObjectRef target, String consequence) {
        if (unavailable.contains(what)) {
            return true;
        }
        if (watched.failure() == null) {
            return false;
        }
        String[] parts = what.split(" ", 2);
        unavailable.add(what);
        watched.close();
        if (parts[0].equals("pods")) {
            pods.forEach((key, other) -> {
                if (key.startsWith(parts[1] + " ")) {
                    other.close();
                }
            });
        }
        KubernetesClientException e = Transient.clientException(watched.failure());
        int code = e == null ? 0 : e.getCode();
        String why = code == 403 ? "forbidden" : code == 404 ? "not found"
                : e == null ? String.valueOf(watched.failure().getMessage()) : "HTTP " + code;
        events.accept(new DeployEvent(DeployEvent.Step.WAIT, DeployEvent.Kind.WARNING, target, "cannot watch "
                + parts[0] + " in namespace " + parts[1] + " (" + why + "): " + consequence));
        return true;
    }

    /** A watch; labels select pods, and an empty map asks for Warning events only. */
    private Watched watch(Call call, Map<String, String> labels) {
        var source = cluster.in(call.apiVersion(), call.kind(), call.namespace());
        if (call.kind().equals("Event")) {
            return new Watched(cluster, call, source.withField("type", "Warning"), signal::poke);
        }
        if (labels != null && !labels.isEmpty()) {
            return new Watched(cluster, call, source.withLabels(labels), signal::poke);
        }
        return new Watched(cluster, call, source, signal::poke);
    }

    private static String key(ObjectRef target) {
        return target.apiVersion() + " " + target.kind() + " " + target.namespace();
    }

    @Override
    public void close() {
        List<Watched> all = new ArrayList<>(workloads.values());
        all.addAll(pods.values());
        all.addAll(warnings.values());
        all.forEach(Watched::close);
    }
}
