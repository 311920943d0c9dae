package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The status the kubelet reports for a pod whose containers ran to their end, as a Job's pods do. */
final class JobPods {

    private JobPods() {
    }

    static Map<String, Object> terminated(String podName, Map<String, Object> spec, boolean succeeded,
            String startTime) {
        String now = Pods.now();
        List<Object> containers = new ArrayList<>();
        for (Object c : Json.list(spec, "containers")) {
            Map<?, ?> container = (Map<?, ?>) c;
            Map<String, Object> terminated = new LinkedHashMap<>();
            terminated.put("exitCode", succeeded ? 0 : 1);
            terminated.put("reason", succeeded ? "Completed" : "Error");
            terminated.put("startedAt", startTime != null ? startTime : now);
            terminated.put("finishedAt", now);
            Map<String, Object> cs = new LinkedHashMap<>();
            cs.put("name", container.get("name"));
            cs.put("image", container.get("image"));
            cs.put("ready", false);
            cs.put("started", false);
            cs.put("restartCount", 0);
            cs.put("state", Map.of("terminated", terminated));
            containers.add(cs);
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("phase", succeeded ? "Succeeded" : "Failed");
        status.put("conditions", List.of(
                Map.of("type", "PodScheduled", "status", "True", "lastTransitionTime", now),
                Map.of("type", "Initialized", "status", "True", "lastTransitionTime", now),
                Map.of("type", "Ready", "status", "False", "reason", "PodCompleted", "lastTransitionTime", now),
                Map.of("type", "ContainersReady", "status", "False", "reason", "PodCompleted",
                        "lastTransitionTime", now)));
        status.put("hostIP", "10.0.0.1");
        status.put("podIP", "10.244.0." + (1 + Math.abs(podName.hashCode() % 250)));
        status.put("startTime", startTime != null ? startTime : now);
        status.put("containerStatuses", containers);
        return status;
    }
}
