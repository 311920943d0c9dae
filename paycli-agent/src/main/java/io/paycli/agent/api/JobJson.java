package io.paycli.agent.api;

import io.paycli.agent.store.Job;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A job as the API shows it: the same fields for CI (agent submit) and the dashboard. */
final class JobJson {
    private JobJson() {
    }

    static Map<String, Object> of(Job job) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", job.id());
        json.put("kind", job.kind().name());
        json.put("client", job.client());
        json.put("app", job.app());
        json.put("env", job.env());
        json.put("tag", job.tag());
        json.put("dryRun", job.dryRun());
        json.put("state", job.state().name());
        json.put("exitCode", job.exitCode());
        json.put("summary", summary(job));
        json.put("attempts", job.attempts());
        json.put("submittedAt", text(job.submittedAt()));
        json.put("startedAt", text(job.startedAt()));
        json.put("finishedAt", text(job.finishedAt()));
        // Of the latest run, once it has ended; a running job's so far is the reader's clock minus startedAt.
        json.put("durationMillis", job.startedAt() == null || job.finishedAt() == null ? null
                : Duration.between(job.startedAt(), job.finishedAt()).toMillis());
        json.put("links", Map.of("self", "/api/v1/deployments/" + job.id(),
                "log", "/api/v1/deployments/" + job.id() + "/log"));
        return json;
    }

    private static String summary(Job job) {
        return switch (job.state()) {
            case QUEUED -> "waiting to run";
            case RUNNING -> "running";
            case INTERRUPTED -> "interrupted; waiting to run again";
            case SUCCEEDED -> "succeeded";
            case FAILED -> "failed with exit code " + job.exitCode() + "; the log says why";
            case CANCELLED -> "cancelled";
        };
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
