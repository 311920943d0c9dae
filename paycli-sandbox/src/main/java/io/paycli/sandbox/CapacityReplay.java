package io.paycli.sandbox;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Replays a {@link Sandbox#timeline()} for one Service and the Deployments of its namespace, and says where
 * capacity was lost. At every change it keeps the latest Service and Deployments; the Service selects a Deployment
 * whose pod template labels hold all of its selector (no selector selects nothing). It finds:
 * <ul>
 * <li>a change after which the Service no longer selects some Deployment, while the Deployments it selects now have
 * fewer ready replicas together (status.readyReplicas) than the ones it stopped selecting had just before: traffic
 * moved to less capacity (a switch to a colour that is not ready yet, or a served Deployment deleted);</li>
 * <li>a write, by anyone, that sets spec.replicas to 1 on a Deployment that served traffic before, that is was
 * selected while it had ready replicas, from a larger count (a reset to the default of 1, as when the owner of
 * replicas lets go of it without a handover; raising a colour from 0 is no reset).</li>
 * </ul>
 * Each finding is a sentence that starts with the entry's sequence number, verb and writer.
 */
public final class CapacityReplay {

    private static final String DEPLOYMENT = "Deployment";

    private final String namespace;
    private final String service;
    private Map<String, Object> selector;
    /** The latest Deployments of the namespace by name. */
    private final Map<String, Map<String, Object>> deployments = new HashMap<>();
    /** The selected Deployments and their ready replicas after the previous entry. */
    private Map<String, Long> selected = new TreeMap<>();
    /** uids of the Deployments that were selected with ready replicas. */
    private final Set<String> served = new HashSet<>();
    private final List<String> findings = new ArrayList<>();

    private CapacityReplay(String namespace, String service) {
        this.namespace = namespace;
        this.service = service;
    }

    /** The findings for Service {@code service} in {@code namespace}, oldest first; empty when nothing was lost. */
    public static List<String> findings(List<TimelineEntry> timeline, String namespace, String service) {
        CapacityReplay replay = new CapacityReplay(namespace, service);
        timeline.forEach(replay::step);
        return List.copyOf(replay.findings);
    }

    private void step(TimelineEntry entry) {
        if (!namespace.equals(entry.namespace())) {
            return;
        }
        boolean isService = entry.group().isEmpty() && entry.kind().equals("Service") && entry.name().equals(service);
        boolean isDeployment = entry.group().equals("apps") && entry.kind().equals(DEPLOYMENT);
        if (!isService && !isDeployment) {
            return;
        }
        Map<String, Object> object = entry.object();
        boolean deleted = entry.verb().equals("delete") && !Json.map(object, "metadata").containsKey("finalizers");
        if (isService) {
            selector = deleted ? null : Json.map(object, "spec", "selector");
        } else {
            checkReplicas(entry, object, deleted);
            if (deleted) {
                deployments.remove(entry.name());
            } else {
                deployments.put(entry.name(), object);
            }
        }
        Map<String, Long> now = selection();
        Set<String> dropped = new HashSet<>(selected.keySet());
        dropped.removeAll(now.keySet());
        long before = dropped.stream().mapToLong(selected::get).sum();
        long after = now.values().stream().mapToLong(Long::longValue).sum();
        if (!dropped.isEmpty() && after < before) {
            findings.add(entry + ": the Service now selects " + describe(now) + " (" + after
                    + " ready) instead of " + describe(selected) + "; it stopped selecting " + before + " ready");
        }
        now.forEach((name, ready) -> {
            if (ready > 0) {
                served.add(Json.string(deployments.get(name), "metadata", "uid"));
            }
        });
        selected = now;
    }

    private void checkReplicas(TimelineEntry entry, Map<String, Object> object, boolean deleted) {
        Map<String, Object> previous = deployments.get(entry.name());
        if (deleted || previous == null || !served.contains(Json.string(object, "metadata", "uid"))) {
            return;
        }
        long was = Json.number(previous, 1, "spec", "replicas");
        long is = Json.number(object, 1, "spec", "replicas");
        // From 0 it is a scale-up (a colour brought back), not a reset.
        if (is == 1 && was > 1) {
            findings.add(entry + ": spec.replicas " + was + " -> 1 on a Deployment that served traffic");
        }
    }

    private Map<String, Long> selection() {
        Map<String, Long> out = new TreeMap<>();
        if (selector == null || selector.isEmpty()) {
            return out;
        }
        deployments.forEach((name, deployment) -> {
            Map<String, Object> labels = Json.map(deployment, "spec", "template", "metadata", "labels");
            if (labels != null && labels.entrySet().containsAll(selector.entrySet())) {
                out.put(name, Json.number(deployment, 0, "status", "readyReplicas"));
            }
        });
        return out;
    }

    private static String describe(Map<String, Long> selection) {
        if (selection.isEmpty()) {
            return "nothing";
        }
        return selection.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue() + " ready")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
