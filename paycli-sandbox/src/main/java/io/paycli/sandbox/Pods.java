package io.paycli.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The pods and events that the simulated kubelet would produce for a workload's pod template. */
final class Pods {

    static final ResourceType PODS = ResourceCatalog.builtIn("", "v1", "pods").orElseThrow();
    static final ResourceType EVENTS = ResourceCatalog.builtIn("", "v1", "events").orElseThrow();

    /** One state a pod's containers are in, as the kubelet reports it. */
    enum State { CREATING, STARTING, RUNNING, CRASH_LOOP, ERR_IMAGE_PULL, IMAGE_PULL_BACK_OFF }

    private Pods() {
    }

    /** Why the template's pods cannot run, or null when they run (PodBehaviour says how, by the image tag). */
    static String failureReason(Map<String, Object> template) {
        return switch (PodBehaviour.of(template)) {
            case CRASH -> "CrashLoopBackOff";
            case PULL -> "ImagePullBackOff";
            default -> null;
        };
    }

    /** A pod of the ReplicaSet {@code owner} (with that uid), labelled with its pod-template-hash. */
    static Map<String, Object> pod(String namespace, String name, String owner, String ownerUid, String hash,
            Map<String, Object> template, State state) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("creationTimestamp", now());
        Map<String, Object> labels = new LinkedHashMap<>();
        Map<String, Object> templateLabels = Json.map(template, "metadata", "labels");
        if (templateLabels != null) {
            labels.putAll(templateLabels);
        }
        labels.put("pod-template-hash", hash);
        metadata.put("labels", labels);
        metadata.put("ownerReferences", List.of(Map.of("apiVersion", "apps/v1", "kind", "ReplicaSet", "name", owner,
                "uid", ownerUid, "controller", true, "blockOwnerDeletion", true)));
        Map<String, Object> spec = Json.copy(Json.map(template, "spec"));
        spec = spec == null ? new LinkedHashMap<>() : spec;
        spec.put("nodeName", "sandbox-node");
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", metadata);
        pod.put("spec", spec);
        pod.put("status", status(name, spec, state, 0, null));
        return pod;
    }

    /** The status of a pod whose containers are all in {@code state}; startTime stays as it was. */
    static Map<String, Object> status(String podName, Map<String, Object> spec, State state, int restarts,
            String startTime) {
        String now = now();
        boolean ready = state == State.RUNNING;
        List<Object> containers = new ArrayList<>();
        for (Object c : Json.list(spec, "containers")) {
            Map<?, ?> container = (Map<?, ?>) c;
            Map<String, Object> cs = new LinkedHashMap<>();
            cs.put("name", container.get("name"));
            cs.put("image", container.get("image"));
            cs.put("ready", ready);
            cs.put("started", ready || state == State.STARTING);
            cs.put("restartCount", restarts);
            cs.put("state", containerState(state, podName, container, now));
            if (restarts > 0) {
                cs.put("lastState", Map.of("terminated", Map.of("exitCode", 1, "reason", "Error",
                        "startedAt", now, "finishedAt", now)));
            }
            containers.add(cs);
        }
        boolean pulled = state != State.ERR_IMAGE_PULL && state != State.IMAGE_PULL_BACK_OFF && state != State.CREATING;
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", pulled ? "Running" : "Pending");
        status.put("conditions", List.of(
                Map.of("type", "PodScheduled", "status", "True", "lastTransitionTime", now),
                Map.of("type", "Ready", "status", ready ? "True" : "False", "lastTransitionTime", now),
                Map.of("type", "ContainersReady", "status", ready ? "True" : "False", "lastTransitionTime", now)));
        status.put("hostIP", "10.0.0.1");
        status.put("podIP", "10.244.0." + (1 + Math.abs(podName.hashCode() % 250)));
        status.put("startTime", startTime != null ? startTime : now);
        status.put("containerStatuses", containers);
        return status;
    }

    private static Map<String, Object> containerState(State state, String podName, Map<?, ?> container, String now) {
        return switch (state) {
            case RUNNING, STARTING -> Map.of("running", Map.of("startedAt", now));
            case CREATING -> Map.of("waiting", Map.of("reason", "ContainerCreating"));
            case CRASH_LOOP -> Map.of("waiting", Map.of("reason", "CrashLoopBackOff", "message",
                    crashMessage(container)));
            case ERR_IMAGE_PULL -> Map.of("waiting", Map.of("reason", "ErrImagePull", "message",
                    pullMessage(container)));
            case IMAGE_PULL_BACK_OFF -> Map.of("waiting", Map.of("reason", "ImagePullBackOff", "message",
                    "Back-off pulling image \"" + container.get("image") + "\""));
        };
    }

    /** A Warning event on the pod's first container, as the kubelet records it (core/v1, with a count). */
    static Map<String, Object> warning(Map<String, Object> pod, String reason, String message) {
        String podName = Json.string(pod, "metadata", "name");
        Map<?, ?> container = (Map<?, ?>) Json.list(pod, "spec", "containers").get(0);
        Map<String, Object> involved = new LinkedHashMap<>();
        involved.put("apiVersion", "v1");
        involved.put("kind", "Pod");
        involved.put("name", podName);
        involved.put("namespace", Json.string(pod, "metadata", "namespace"));
        involved.put("uid", Json.string(pod, "metadata", "uid"));
        involved.put("fieldPath", "spec.containers{" + container.get("name") + "}");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("apiVersion", "v1");
        event.put("kind", "Event");
        event.put("metadata", Map.of("name", podName + "." + Integer.toHexString(reason.hashCode() & 0xffffff),
                "namespace", Json.string(pod, "metadata", "namespace")));
        event.put("involvedObject", involved);
        event.put("reason", reason);
        event.put("message", message);
        event.put("type", "Warning");
        event.put("count", 1);
        event.put("firstTimestamp", now());
        event.put("lastTimestamp", now());
        event.put("source", Map.of("component", "kubelet", "host", "sandbox-node"));
        return event;
    }

    static String crashMessage(Map<?, ?> container) {
        return "Back-off restarting failed container " + container.get("name");
    }

    static String pullMessage(Map<?, ?> container) {
        return "Failed to pull image \"" + container.get("image") + "\": not found";
    }

    /** The sandbox's clock is the server's clock: every timestamp it writes comes from here, in whole seconds. */
    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
