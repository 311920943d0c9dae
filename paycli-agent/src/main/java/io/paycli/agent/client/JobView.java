package io.paycli.agent.client;

import java.util.Map;

/** A job as the agent's API shows it (GET /api/v1/deployments/{id}); the fields the client reads. */
public record JobView(String id, String app, String env, String tag, String state, Integer exitCode,
                      String summary) {
    static JobView of(Map<?, ?> json) {
        Object code = json.get("exitCode");
        return new JobView(text(json, "id"), text(json, "app"), text(json, "env"), text(json, "tag"),
                text(json, "state"), code instanceof Number n ? n.intValue() : null, text(json, "summary"));
    }

    private static String text(Map<?, ?> json, String key) {
        Object value = json.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
