package io.paycli.core.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why a workload's pods are not ready, read the way kubedog and werf read it: unschedulable pods, containers
 * waiting with a reason (CrashLoopBackOff, ImagePullBackOff, ...) and containers that died. Pure: it reads the
 * objects it is given.
 */
final class PodProblems {

    /** Waiting reasons that are part of a normal start. */
    private static final Set<String> STARTING = Set.of("ContainerCreating", "PodInitializing");

    private PodProblems() {
    }

    /** One line per problem, such as "pod web-7f9c-x2b4d: CrashLoopBackOff: back-off restarting failed container". */
    static List<String> of(Map<String, Object> pod) {
        List<String> problems = new ArrayList<>();
        if (Fields.at(pod, "metadata", "deletionTimestamp") != null) {
            return problems;
        }
        String name = "pod " + Fields.string(pod, "metadata", "name") + ": ";
        Map<String, Object> scheduled = Fields.condition(pod, "PodScheduled");
        if ("False".equals(scheduled.get("status"))) {
            problems.add(name + scheduled.getOrDefault("reason", "Unschedulable") + ": "
                    + scheduled.getOrDefault("message", "no node fits"));
        }
        List<Map<String, Object>> statuses = new ArrayList<>(Fields.maps(pod, "status", "initContainerStatuses"));
        statuses.addAll(Fields.maps(pod, "status", "containerStatuses"));
        for (Map<String, Object> status : statuses) {
            Map<String, Object> waiting = Fields.map(status, "state", "waiting");
            String reason = (String) waiting.get("reason");
            if (reason != null && !STARTING.contains(reason)) {
                problems.add(name + reason + withMessage(waiting.get("message")));
                continue;
            }
            Map<String, Object> terminated = Fields.map(status, "state", "terminated");
            if (!terminated.isEmpty() && Fields.number(terminated, 0, "exitCode") != 0) {
                problems.add(name + "container " + status.get("name") + " terminated: "
                        + terminated.getOrDefault("reason", "Error") + " (exit code "
                        + Fields.number(terminated, 0, "exitCode") + ")" + withMessage(terminated.get("message")));
            }
        }
        return problems;
    }

    private static String withMessage(Object message) {
        return message == null || String.valueOf(message).isBlank() ? "" : ": " + message;
    }
}
