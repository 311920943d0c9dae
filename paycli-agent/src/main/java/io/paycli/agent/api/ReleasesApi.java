package io.paycli.agent.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.paycli.agent.auth.Caller;
import io.paycli.agent.auth.Client;
import io.paycli.agent.jobs.RestoreJob;
import io.paycli.agent.jobs.RestorePlan;
import io.paycli.agent.store.DeployedRelease;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobStore;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the agent has deployed, and the disaster-recovery restore that puts it back. Requests are authenticated by
 * {@link Access} like every other {@code /api/*} request; each client sees and restores only the apps and
 * environments its grants cover, and a dashboard viewer sees them all (and restores nothing). Each release row
 * carries its live state as the cluster tells it now ({@link LiveState}).
 */
public final class ReleasesApi {
    /** How long a row's live state is kept: the dashboard asks every 5 s, the cluster need not answer as often. */
    public static final Duration LIVE_STATE_TTL = Duration.ofSeconds(10);

    private final JobStore jobs;
    private final Audit audit;
    private final LiveState live;

    /** {@code deploys} reads each row's live state from its cluster (healthy, colours, pre-scale). */
    public ReleasesApi(JobStore jobs, Audit audit, DeployService deploys, Clock clock) {
        this.jobs = jobs;
        this.audit = audit;
        this.live = new LiveState(deploys, jobs, clock, LIVE_STATE_TTL);
    }

    public void routes(RoutesConfig routes) {
        routes.get("/api/v1/releases", this::releases);
        routes.post("/api/v1/restore", this::restore);
    }

    private void releases(Context ctx) {
        Caller caller = ctx.attribute(Access.CALLER);
        Optional<String> env = env(ctx);
        List<DeployedRelease> seen = jobs.lastDeployed().stream()
                .filter(r -> env.isEmpty() || env.get().equals(r.env()))
                .filter(r -> caller.sees(r.app(), r.env())).toList();
        List<Map<String, Object>> states = live.of(seen);
        List<Map<String, Object>> shown = new ArrayList<>();
        for (int i = 0; i < seen.size(); i++) {
            Map<String, Object> row = json(seen.get(i));
            row.putAll(states.get(i));
            shown.add(row);
        }
        audit.accepted(ctx.<Audit.Request>attribute(DeploymentApi.AUDIT), "releases: " + shown.size());
        ctx.json(shown);
    }

    private void restore(Context ctx) {
        Client client = ctx.attribute(DeploymentApi.CLIENT);
        Audit.Request request = ctx.<Audit.Request>attribute(DeploymentApi.AUDIT).with(RestoreJob.APP,
                ctx.queryParam("env"), RestoreJob.TAG);
        ctx.attribute(DeploymentApi.AUDIT, request);
        Optional<String> env = env(ctx);
        String where = env.map(e -> " in " + e).orElse("");
        RestorePlan plan = RestorePlan.of(jobs.lastDeployed(), client, env.orElse(RestorePlan.EVERY_ENV));
        if (plan.isEmpty()) {
            throw new ApiError(409, "nothing-to-restore", "the agent has deployed no app" + where + " yet: there "
                    + "is nothing to restore");
        }
        if (plan.covered().isEmpty()) {
            throw new ApiError(403, "not-allowed", "client " + client.id() + " may restore none of the "
                    + plan.refused().size() + " apps the agent deployed" + where + ": no grant covers them");
        }
        Job job;
        try {
            job = jobs.submit(RestoreJob.newJob(client.id(), env, ctx.header("Idempotency-Key"),
                    "true".equals(ctx.queryParam("dryRun"))));
        } catch (InvalidInputException e) {
            throw new ApiError(400, "bad-request", e.getMessage()); // an idempotency key used for another job
        }
        audit.accepted(request, "job " + job.id());
        ctx.status(202).json(JobJson.of(job));
    }

    private static Optional<String> env(Context ctx) {
        String env = ctx.queryParam("env");
        if (env != null && env.isBlank()) {
            throw new ApiError(400, "bad-request", "the query parameter env is empty; leave it out for every "
                    + "environment");
        }
        return Optional.ofNullable(env);
    }

    private static Map<String, Object> json(DeployedRelease r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("app", r.app());
        json.put("env", r.env());
        json.put("namespace", r.namespace());
        json.put("tag", r.tag());
        json.put("revision", r.revision());
        json.put("jobId", r.jobId());
        json.put("deployedAt", r.deployedAt() == null ? null : r.deployedAt().toString());
        json.put("client", r.client());
        return json;
    }
}
