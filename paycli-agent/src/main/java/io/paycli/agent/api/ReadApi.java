package io.paycli.agent.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.paycli.agent.audit.AuditEntry;
import io.paycli.agent.auth.Caller;
import io.paycli.agent.store.AuditStore;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobFilter;
import io.paycli.agent.store.JobState;
import io.paycli.agent.store.JobStore;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reads the dashboard makes besides releases and a job's status and log: the recent jobs, the audit log, and
 * who the caller is. Authenticated by {@link Access}; a viewer sees everything, a CI client the jobs its grants
 * cover (and its own restores) and the audit entries of its own key id.
 */
public final class ReadApi {
    static final int DEFAULT_LIMIT = 50;

    private final JobStore jobs;
    private final AuditStore auditLog;
    private final Audit audit;

    public ReadApi(JobStore jobs, AuditStore auditLog, Audit audit) {
        this.jobs = jobs;
        this.auditLog = auditLog;
        this.audit = audit;
    }

    public void routes(RoutesConfig routes) {
        routes.get("/api/v1/deployments", this::deployments);
        routes.get("/api/v1/audit", this::auditLog);
        routes.get("/api/v1/whoami", this::whoami);
    }

    private void deployments(Context ctx) {
        Caller caller = ctx.attribute(Access.CALLER);
        JobFilter filter = new JobFilter(blankless(ctx, "app"), blankless(ctx, "env"), state(ctx),
                limit(ctx, JobFilter.MAX_LIMIT));
        // A client's grants are globs, which SQL does not match: its list is filtered here, so it may be shorter
        // than the limit when other clients' jobs are among the newest.
        List<Map<String, Object>> shown = jobs.list(filter).stream()
                .filter(j -> caller.sees(j.app(), j.env()) || own(caller, j))
                .map(JobJson::of).toList();
        audit.accepted(ctx.attribute(DeploymentApi.AUDIT), "deployments: " + shown.size());
        ctx.json(shown);
    }

    private static boolean own(Caller caller, Job job) {
        return caller.isClient() && caller.client().id().equals(job.client());
    }

    private void auditLog(Context ctx) {
        Caller caller = ctx.attribute(Access.CALLER);
        String refused = ctx.queryParam("refused");
        if (refused != null && !refused.equals("true") && !refused.equals("false")) {
            throw new ApiError(400, "bad-request", "the query parameter refused must be true or false, not "
                    + refused);
        }
        List<AuditEntry> entries = auditLog.recent(limit(ctx, AuditStore.MAX_RECENT), "true".equals(refused),
                caller.isClient() ? caller.client().id() : null);
        audit.accepted(ctx.attribute(DeploymentApi.AUDIT), "audit: " + entries.size());
        ctx.json(entries.stream().map(ReadApi::json).toList());
    }

    private void whoami(Context ctx) {
        Caller caller = ctx.attribute(Access.CALLER);
        audit.accepted(ctx.attribute(DeploymentApi.AUDIT), "whoami");
        ctx.json(caller.isClient() ? Map.of("client", caller.client().id())
                : caller.isViewer() ? Map.of("viewer", caller.viewer()) : Map.of("public", true));
    }

    private static Map<String, Object> json(AuditEntry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", e.time().toString());
        json.put("client", e.client());
        json.put("source", e.source());
        json.put("method", e.method());
        json.put("path", e.path());
        json.put("app", e.app());
        json.put("env", e.env());
        json.put("tag", e.tag());
        json.put("decision", e.decision());
        json.put("reason", e.reason());
        return json;
    }

    private static String blankless(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value != null && value.isBlank()) {
            throw new ApiError(400, "bad-request", "the query parameter " + name + " is empty; leave it out for all");
        }
        return value;
    }

    private static JobState state(Context ctx) {
        String value = blankless(ctx, "state");
        if (value == null) {
            return null;
        }
        try {
            return JobState.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiError(400, "bad-request", "the query parameter state must be one of "
                    + Arrays.toString(JobState.values()) + ", not " + value);
        }
    }

    private static int limit(Context ctx, int max) {
        String value = blankless(ctx, "limit");
        if (value == null) {
            return Math.min(DEFAULT_LIMIT, max);
        }
        try {
            int limit = Integer.parseInt(value.strip());
            if (limit >= 1 && limit <= max) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below, as a number out of range is
        }
        throw new ApiError(400, "bad-request", "the query parameter limit must be a number from 1 to " + max
                + ", not " + value);
    }
}
