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

    private Pods() {
    }

    /** Why the template's pods cannot run, or null when they run: an image tag containing "fail" fails. */
    static String failureReason(Map<String, Object> template) {
        for (Object c : Json.list(template, "spec", "containers")) {
            String image = String.valueOf(((Map<?, ?>) c).get("image"));
            String tag = image.contains(":") && !image.substring(image.lastIndexOf(':')).contains("/")
                    ? image.substring(image.lastIndexOf(':') + 1) : "latest";
            if (tag.contains("fail")) {
                return tag.contains("pull") ? "ImagePullBackOff" : "CrashLoopBackOff";
            }
        }
        return null;
    }

    static Map<String, Object> pod(String namespace, String name, String owner, String ownerKind, String hash,
            Map<String, Object> template, String failure) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        Map<String, Object> labels = new LinkedHashMap<>();
        Map<String, Object> templateLabels = Json.map(template, "metadata", "labels");
        if (templateLabels != null) {
            labels.putAll(templateLabels);
        }
        labels.put("pod-template-hash", hash);
        metadata.put("labels", labels);
        metadata.put("ownerReferences", List.of(Map.of("apiVersion", "apps/v1", "kind", ownerKind, "name", owner,
                "uid", "00000000-0000-0000-0000-000000000000", "controller", true)));
        Map<String, Object> spec = Json.copy(Json.map(template, "spec"));
        spec = spec == null ? new LinkedHashMap<>() : spec;
        spec.put("nodeName", "sandbox-node");
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", metadata);
        pod.put("spec", spec);
        pod.put("status", status(spec, failure));
        return pod;
    }

    private static Map<String, Object> status(Map<String, Object> spec, String failure) {
        String now = now();
        boolean ready = failure == null;
        List<Object> containers = new ArrayList<>();
        for (Object c : Json.list(spec, "containers")) {
            Map<?, ?> container = (Map<?, ?>) c;
            Map<String, Object> state = ready
                    ? Map.of("running", Map.of("startedAt", now))
                    : Map.of("waiting", Map.of("reason", failure, "message", message(failure, container)));
            Map<String, Object> cs = new LinkedHashMap<>();
            cs.put("name", container.get("name"));
            cs.put("image", container.get("image"));
            cs.put("ready", ready);
            cs.put("started", ready);
            cs.put("restartCount", failure != null && failure.equals("CrashLoopBackOff") ? 3 : 0);
            cs.put("state", state);
            containers.add(cs);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", ready ? "Running" : "Pending");
        status.put("conditions", List.of(
                Map.of("type", "PodScheduled", "status", "True", "lastTransitionTime", now),
                Map.of("type", "Ready", "status", ready ? "True" : "False", "lastTransitionTime", now),
                Map.of("type", "ContainersReady", "status", ready ? "True" : "False", "lastTransitionTime", now)));
        status.put("hostIP", "10.0.0.1");
        status.put("podIP", "10.244.0." + (1 + Math.abs(spec.hashCode() % 250)));
        status.put("startTime", now);
        status.put("containerStatuses", containers);
        return status;
    }

    /** A Warning event on the pod saying why it does not run, as the kubelet records it. */
    static Map<String, Object> warning(Map<String, Object> pod, String failure) {
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
        event.put("metadata", Map.of("name", podName + "." + Long.toHexString(System.nanoTime()),
                "namespace", Json.string(pod, "metadata", "namespace")));
        event.put("involvedObject", involved);
        event.put("reason", failure.equals("ImagePullBackOff") ? "Failed" : "BackOff");
        event.put("message", message(failure, container));
        event.put("type", "Warning");
        event.put("count", 1);
        event.put("firstTimestamp", now());
        event.put("lastTimestamp", now());
        event.put("source", Map.of("component", "kubelet", "host", "sandbox-node"));
        return event;
    }

    private static String message(String failure, Map<?, ?> container) {
        if (failure.equals("ImagePullBackOff")) {
            return "Failed to pull image \"" + container.get("image") + "\": not found";
        }
        return "Back-off restarting failed container " + container.get("name");
    }

    static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
