package io.paycli.agent.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.paycli.agent.audit.AuditEntry;
import io.paycli.agent.auth.Client;
import io.paycli.agent.auth.RequestVerifier;
import io.paycli.agent.auth.Verdict;
import io.paycli.agent.bundle.BundleReader;
import io.paycli.agent.jobs.Workers;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobKind;
import io.paycli.agent.store.JobStore;
import io.paycli.agent.store.LogLine;
import io.paycli.agent.store.NewJob;
import io.paycli.core.error.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The deployments API CI calls. Every request is authenticated by {@link Access} before anything else happens (a
 * refusal is audited and answered 401 or 403 with the reason); only a signed CI client gets as far as a POST. A
 * deploy's bundle is unpacked into a directory of its own, its app read
 * from its paycli.yaml and checked against the client's grants, and only then is the job queued.
 */
public final class DeploymentApi {
    static final String CLIENT = "paycli.client";
    static final String AUDIT = "paycli.audit";

    private final RequestVerifier verifier;
    private final JobStore jobs;
    private final Workers workers;
    private final BundleReader bundles;
    private final Path bundleRoot;
    private final Audit audit;
    private final LogStream logs;

    public DeploymentApi(RequestVerifier verifier, JobStore jobs, Workers workers, BundleReader bundles,
                         Path bundleRoot, Audit audit) {
        this.verifier = verifier;
        this.jobs = jobs;
        this.workers = workers;
        this.bundles = bundles;
        this.bundleRoot = bundleRoot;
        this.audit = audit;
        this.logs = new LogStream(jobs);
    }

    public void routes(RoutesConfig routes) {
        routes.post("/api/v1/deployments", this::submit);
        routes.get("/api/v1/deployments/{id}", this::status);
        routes.post("/api/v1/deployments/{id}/cancel", this::cancel);
        routes.sse("/api/v1/deployments/{id}/log", this::log);
        routes.exception(ApiError.class, (e, ctx) -> {
            Audit.Request request = ctx.attribute(AUDIT);
            if (request != null && e.status() != 401) {
                audit.refused(request, e.reason());
            }
            try {
                ctx.status(e.status()).json(Map.of("error", e.getMessage(), "reason", e.reason()));
            } catch (RuntimeException unwritable) {
                // The client went away: a handler that threw would make Javalin run it again, for ever.
            }
        });
    }

    private void submit(Context ctx) {
        Client client = ctx.attribute(CLIENT);
        Audit.Request request = ctx.attribute(AUDIT);
        String env = required(ctx, "env");
        String tag = required(ctx, "tag");
        Path dir = bundleRoot.resolve(UUID.randomUUID().toString());
        try {
            bundles.extract(new ByteArrayInputStream(ctx.bodyAsBytes()), dir);
        } catch (InvalidInputException e) {
            throw new ApiError(400, "bad-bundle", e.getMessage());
        }
        BundleApp bundle = BundleApp.of(dir);
        String app = bundle.name();
        ctx.attribute(AUDIT, request.with(app, env, tag));
        Verdict allowed = verifier.authorize(client, app, env);
        if (!allowed.isAccepted()) {
            delete(dir);
            throw new ApiError(allowed.status(), allowed.refusal().code(), allowed.message());
        }
        // The audit row commits with the job (one transaction, not two); its file line follows the commit.
        AuditEntry[] accepted = new AuditEntry[1];
        Job job;
        try {
            job = jobs.submit(new NewJob(client.id(), app, env, tag, JobKind.DEPLOY,
                    ctx.header("Idempotency-Key"), dir.toString(), "true".equals(ctx.queryParam("dryRun")),
                    bundle.target(env)),
                    j -> accepted[0] = audit.acceptedEntry(request.with(app, env, tag), "job " + j.id()));
        } catch (InvalidInputException e) {
            delete(dir);
            throw new ApiError(400, "bad-request", e.getMessage()); // an idempotency key used for another job
        }
        if (!job.bundleDir().equals(dir.toString())) {
            delete(dir); // a retried submit: the job and its bundle exist already
        }
        audit.toFile(accepted[0]);
        ctx.status(202).json(JobJson.of(job));
    }

    private void status(Context ctx) {
        Job job = job(ctx);
        audit.accepted(ctx.<Audit.Request>attribute(AUDIT).with(job.app(), job.env(), job.tag()), "status " + job.id());
        ctx.json(JobJson.of(job));
    }

    private void cancel(Context ctx) {
        Job job = job(ctx);
        Client client = ctx.attribute(CLIENT);
        // A restore's row names no real app: the client that asked for it may stop it.
        boolean own = job.kind() == JobKind.RESTORE && job.client().equals(client.id());
        Verdict allowed = verifier.authorize(client, job.app(), job.env());
        if (!own && !allowed.isAccepted()) {
            throw new ApiError(allowed.status(), allowed.refusal().code(), allowed.message());
        }
        Job now = workers.cancel(job.id(), client.id()).orElse(job);
        audit.accepted(ctx.<Audit.Request>attribute(AUDIT).with(job.app(), job.env(), job.tag()), "cancel " + job.id());
        ctx.status(202).json(JobJson.of(now));
    }

    private void log(SseClient sse) {
        Context ctx = sse.ctx();
        Job job = job(ctx);
        audit.accepted(ctx.<Audit.Request>attribute(AUDIT).with(job.app(), job.env(), job.tag()), "log " + job.id());
        logs.stream(sse, job.id(), LogStream.after(ctx.header("Last-Event-ID")));
    }

    private Job job(Context ctx) {
        String id = ctx.pathParam("id");
        return jobs.get(id).orElseThrow(() -> new ApiError(404, "no-such-job", "no job " + id));
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            throw new ApiError(400, "bad-request", "the query parameter " + name + " is missing");
        }
        return value;
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
