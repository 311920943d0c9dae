package io.paycli.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A Deployment's status counts, computed from its pods as the controller computes them from its ReplicaSets. */
final class DeploymentStatus {

    private DeploymentStatus() {
    }

    /** replicas counts the pods of every template (the surge), updatedReplicas those of the current one. */
    static Map<String, Object> counts(List<Map<String, Object>> pods, String hash, long generation) {
        long updated = pods.stream().filter(p -> hash.equals(Json.string(p, "metadata", "labels",
                "pod-template-hash"))).count();
        long ready = pods.stream().filter(DeploymentStatus::ready).count();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", generation);
        status.put("replicas", pods.size());
        status.put("updatedReplicas", updated);
        status.put("readyReplicas", ready);
        status.put("availableReplicas", ready);
        if (pods.size() > ready) {
            status.put("unavailableReplicas", pods.size() - ready);
        }
        return status;
    }

    /** DeploymentComplete: all replicas updated and available, and no old ones left. */
    static boolean complete(Map<String, Object> status, int wanted) {
        return Json.number(status, 0, "updatedReplicas") == wanted && Json.number(status, 0, "replicas") == wanted
                && Json.number(status, 0, "availableReplicas") == wanted;
    }

    /** maxUnavailable of the rolling update: an absolute number or a percentage rounded down (default 25%). */
    static long maxUnavailable(Map<String, Object> deployment, int wanted) {
        String text = Json.string(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable");
        text = text == null ? "25%" : text;
        try {
            return text.endsWith("%") ? wanted * Long.parseLong(text.substring(0, text.length() - 1)) / 100
                    : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean ready(Map<String, Object> pod) {
        for (Object c : Json.list(pod, "status", "conditions")) {
            Map<?, ?> condition = (Map<?, ?>) c;
            if ("Ready".equals(condition.get("type"))) {
                return "True".equals(condition.get("status"));
            }
        }
        return false;
    }
}
