package io.paycli.agent.client;

import java.util.Map;

/**
 * One app in one environment as GET /api/v1/releases shows it: what the agent last deployed there, and whether it
 * is healthy in the cluster now (null when that could not be read).
 */
public record ReleaseView(String app, String env, String namespace, String tag, Integer revision, String jobId,
                          String deployedAt, String client, Boolean healthy) {
    static ReleaseView of(Map<?, ?> json) {
        Object revision = json.get("revision");
        return new ReleaseView(text(json, "app"), text(json, "env"), text(json, "namespace"), text(json, "tag"),
                revision instanceof Number n ? n.intValue() : null, text(json, "jobId"), text(json, "deployedAt"),
                text(json, "client"), json.get("healthy") instanceof Boolean b ? b : null);
    }

    private static String text(Map<?, ?> json, String key) {
        Object value = json.get(key);
        return value == null ? null : String.valueOf(value);
    }
}
