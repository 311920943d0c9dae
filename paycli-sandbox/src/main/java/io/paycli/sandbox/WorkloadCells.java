package io.paycli.sandbox;

import static io.paycli.sandbox.CellFormat.age;
import static io.paycli.sandbox.CellFormat.count;
import static io.paycli.sandbox.CellFormat.text;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The cells of the workload kinds' Table rows, as kube-apiserver's printers compute them (the wide columns
 * included: the server always sends them and kubectl hides those of priority 1 unless -o wide).
 */
final class WorkloadCells {

    private WorkloadCells() {
    }

    static List<Object> deployment(Map<String, Object> d) {
        List<Object> cells = new ArrayList<>(List.of(name(d),
                count(d, "status", "readyReplicas") + "/" + Json.number(d, 1, "spec", "replicas"),
                count(d, "status", "updatedReplicas"), count(d, "status", "availableReplicas"), age(d)));
        cells.addAll(CellFormat.containers(Json.map(d, "spec", "template")));
        cells.add(CellFormat.selector(Json.map(d, "spec", "selector"), ""));
        return cells;
    }

    static List<Object> replicaSet(Map<String, Object> rs) {
        List<Object> cells = new ArrayList<>(List.of(name(rs), Json.number(rs, 1, "spec", "replicas"),
                count(rs, "status", "replicas"), count(rs, "status", "readyReplicas"), age(rs)));
        cells.addAll(CellFormat.containers(Json.map(rs, "spec", "template")));
        cells.add(CellFormat.selector(Json.map(rs, "spec", "selector"), "<none>"));
        return cells;
    }

    static List<Object> statefulSet(Map<String, Object> s) {
        List<Object> cells = new ArrayList<>(List.of(name(s),
                count(s, "status", "readyReplicas") + "/" + Json.number(s, 1, "spec", "replicas"), age(s)));
        cells.addAll(CellFormat.containers(Json.map(s, "spec", "template")));
        return cells;
    }

    static List<Object> job(Map<String, Object> job) {
        long succeeded = count(job, "status", "succeeded");
        String completions;
        if (Json.string(job, "spec", "completions") != null) {
            completions = succeeded + "/" + Json.number(job, 1, "spec", "completions");
        } else {
            long parallelism = count(job, "spec", "parallelism");
            completions = parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
        }
        String started = Json.string(job, "status", "startTime");
        String completed = Json.string(job, "status", "completionTime");
        String duration = started == null ? "" : completed == null ? CellFormat.since(started)
                : CellFormat.human(Duration.between(Instant.parse(started), Instant.parse(completed)));
        List<Object> cells = new ArrayList<>(List.of(name(job), jobStatus(job), completions, duration, age(job)));
        cells.addAll(CellFormat.containers(Json.map(job, "spec", "template")));
        cells.add(CellFormat.selector(Json.map(job, "spec", "selector"), "<none>"));
        return cells;
    }

    private static String jobStatus(Map<String, Object> job) {
        if (condition(job, "Complete")) {
            return "Complete";
        } else if (condition(job, "Failed")) {
            return "Failed";
        } else if (Json.string(job, "metadata", "deletionTimestamp") != null) {
            return "Terminating";
        } else if (condition(job, "Suspended")) {
            return "Suspended";
        } else if (condition(job, "FailureTarget")) {
            return "FailureTarget";
        }
        return "Running";
    }

    static List<Object> cronJob(Map<String, Object> cj) {
        String last = Json.string(cj, "status", "lastScheduleTime");
        String suspend = Json.string(cj, "spec", "suspend");
        List<Object> cells = new ArrayList<>(List.of(name(cj), text(cj, "", "spec", "schedule"),
                text(cj, "<none>", "spec", "timeZone"),
                suspend == null ? "<unset>" : "true".equals(suspend) ? "True" : "False",
                (long) Json.list(cj, "status", "active").size(), last == null ? "<none>" : CellFormat.since(last),
                age(cj)));
        cells.addAll(CellFormat.containers(Json.map(cj, "spec", "jobTemplate", "spec", "template")));
        cells.add(CellFormat.selector(Json.map(cj, "spec", "jobTemplate", "spec", "selector"), "<none>"));
        return cells;
    }

    static List<Object> autoscaler(Map<String, Object> hpa) {
        String min = Json.string(hpa, "spec", "minReplicas");
        return List.of(name(hpa), text(hpa, "", "spec", "scaleTargetRef", "kind") + "/"
                        + text(hpa, "", "spec", "scaleTargetRef", "name"), AutoscalerTargets.of(hpa),
                min == null ? "<unset>" : min, count(hpa, "spec", "maxReplicas"),
                count(hpa, "status", "currentReplicas"), age(hpa));
    }

    /** Name, Ready, Status, Restarts, Age, then IP, Node, Nominated Node and Readiness Gates. */
    @SuppressWarnings("unchecked")
    static List<Object> pod(Map<String, Object> pod) {
        String reason = text(pod, "", "status", "phase");
        reason = text(pod, reason, "status", "reason");
        int total = Json.list(pod, "spec", "containers").size();
        int ready = 0;
        long restarts = 0;
        boolean running = false;
        String lastRestart = null;
        List<Object> statuses = Json.list(pod, "status", "containerStatuses");
        for (int i = statuses.size() - 1; i >= 0; i--) {
            Map<String, Object> status = (Map<String, Object>) statuses.get(i);
            restarts += count(status, "restartCount");
            String finished = Json.string(status, "lastState", "terminated", "finishedAt");
            if (finished != null && (lastRestart == null || finished.compareTo(lastRestart) > 0)) {
                lastRestart = finished;
            }
            String waiting = Json.string(status, "state", "waiting", "reason");
            String terminated = Json.string(status, "state", "terminated", "reason");
            if (waiting != null && !waiting.isEmpty()) {
                reason = waiting;
            } else if (terminated != null && !terminated.isEmpty()) {
                reason = terminated;
            } else if (Json.map(status, "state", "terminated") != null) {
                reason = "ExitCode:" + count(status, "state", "terminated", "exitCode");
            } else if (Boolean.TRUE.equals(status.get("ready")) && Json.map(status, "state", "running") != null) {
                running = true;
                ready++;
            }
        }
        if (reason.equals("Completed") && running) {
            reason = DeploymentStatus.ready(pod) ? "Running" : "NotReady";
        }
        String phase = Json.string(pod, "status", "phase");
        if (Json.string(pod, "metadata", "deletionTimestamp") != null
                && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            reason = "Terminating";
        }
        String restartText = restarts != 0 && lastRestart != null
                ? restarts + " (" + CellFormat.since(lastRestart) + " ago)" : String.valueOf(restarts);
        List<Object> ips = Json.list(pod, "status", "podIPs");
        String ip = ips.isEmpty() ? text(pod, "<none>", "status", "podIP") : String.valueOf(((Map<?, ?>) ips.get(0)).get("ip"));
        return List.of(name(pod), ready + "/" + total, reason, restartText, age(pod), ip,
                text(pod, "<none>", "spec", "nodeName"), text(pod, "<none>", "status", "nominatedNodeName"),
                readinessGates(pod));
    }

    /** The row conditions of a pod that has ended, as the server marks them. */
    static List<Object> podConditions(Map<String, Object> pod) {
        String phase = Json.string(pod, "status", "phase");
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return List.of(Map.of("type", "Completed", "status", "True", "reason", phase, "message",
                    phase.equals("Succeeded") ? "The pod has completed successfully." : "The pod failed."));
        }
        return null;
    }

    private static String readinessGates(Map<String, Object> pod) {
        List<Object> gates = Json.list(pod, "spec", "readinessGates");
        if (gates.isEmpty()) {
            return "<none>";
        }
        int met = 0;
        for (Object g : gates) {
            Object type = ((Map<?, ?>) g).get("conditionType");
            for (Object c : Json.list(pod, "status", "conditions")) {
                Map<?, ?> condition = (Map<?, ?>) c;
                if (String.valueOf(type).equals(condition.get("type"))) {
                    met += "True".equals(condition.get("status")) ? 1 : 0;
                    break;
                }
            }
        }
        return met + "/" + gates.size();
    }

    private static boolean condition(Map<String, Object> object, String type) {
        for (Object c : Json.list(object, "status", "conditions")) {
            Map<?, ?> condition = (Map<?, ?>) c;
            if (type.equals(condition.get("type"))) {
                return "True".equals(condition.get("status"));
            }
        }
        return false;
    }

    static String name(Map<String, Object> object) {
        return text(object, "", "metadata", "name");
    }
}
