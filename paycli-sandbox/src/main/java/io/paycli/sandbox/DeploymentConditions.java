package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Deployment's status.conditions, kept the way the Deployment controller keeps them
 * (pkg/controller/deployment/util SetDeploymentCondition): a condition set again with the same status and reason
 * is left as it is, times and message included; lastTransitionTime changes only when the status flips, and
 * lastUpdateTime whenever the condition is written anew.
 */
final class DeploymentConditions {

    private final List<Map<String, Object>> conditions = new ArrayList<>();

    @SuppressWarnings("unchecked")
    DeploymentConditions(Map<String, Object> deployment) {
        for (Object c : Json.list(deployment, "status", "conditions")) {
            if (c instanceof Map<?, ?> map) {
                conditions.add(new LinkedHashMap<>((Map<String, Object>) map));
            }
        }
    }

    Map<String, Object> get(String type) {
        return conditions.stream().filter(c -> type.equals(c.get("type"))).findFirst().orElse(null);
    }

    String reason(String type) {
        Map<String, Object> condition = get(type);
        return condition == null ? null : String.valueOf(condition.get("reason"));
    }

    /** SetDeploymentCondition: nothing changes when status and reason are the same. Returns whether it wrote. */
    boolean set(String type, String status, String reason, String message) {
        Map<String, Object> current = get(type);
        if (current != null && status.equals(current.get("status")) && reason.equals(current.get("reason"))) {
            return false;
        }
        write(current, type, status, reason, message);
        return true;
    }

    /**
     * How the controller records progress: the Progressing condition is written again even with the same reason,
     * so its lastUpdateTime moves, while lastTransitionTime stays when it was already True.
     */
    void progressed(String message) {
        write(get("Progressing"), "Progressing", "True", "ReplicaSetUpdated", message);
    }

    List<Map<String, Object>> list() {
        return conditions;
    }

    private void write(Map<String, Object> current, String type, String status, String reason, String message) {
        String now = Pods.now();
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("lastUpdateTime", now);
        condition.put("lastTransitionTime", current != null && status.equals(current.get("status"))
                ? current.get("lastTransitionTime") : now);
        condition.put("reason", reason);
        condition.put("message", message);
        conditions.remove(current);
        conditions.add(condition);
    }
}
