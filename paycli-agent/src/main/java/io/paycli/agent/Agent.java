package io.paycli.agent;

import io.paycli.agent.api.Access;
import io.paycli.agent.api.Audit;
import io.paycli.agent.api.DashboardLogin;
import io.paycli.agent.api.DeploymentApi;
import io.paycli.agent.api.ReadApi;
import io.paycli.agent.api.ReleasesApi;
import io.paycli.agent.audit.AuditFile;
import io.paycli.agent.auth.Client;
import io.paycli.agent.auth.Grant;
import io.paycli.agent.auth.NonceCache;
import io.paycli.agent.auth.RequestVerifier;
import io.paycli.agent.auth.Secrets;
import io.paycli.agent.auth.Sessions;
import io.paycli.agent.auth.Viewer;
import io.paycli.agent.auth.Viewers;
import io.paycli.agent.bundle.BundleLimits;
import io.paycli.agent.bundle.BundleReader;
import io.paycli.agent.config.AgentConfig;
import io.paycli.agent.dashboard.DashboardPage;
import io.paycli.agent.http.AgentServer;
import io.paycli.agent.jobs.JobHandler;
import io.paycli.agent.jobs.JobMetrics;
import io.paycli.agent.jobs.JobRunner;
import io.paycli.agent.jobs.ReconcileScheduler;
import io.paycli.agent.jobs.RestoreJob;
import io.paycli.agent.jobs.Workers;
import io.paycli.agent.store.AuditStore;
import io.paycli.agent.store.Database;
import io.paycli.agent.store.JobStore;
import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.InvalidInputException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The agent, put together from agent.yaml: the database and its job queue, the audit log, the clients and their
 * keys, the workers running jobs through the deploy engine, and the HTTP server. {@link #stop()} is the graceful
 * shutdown of SIGTERM: workers stop taking jobs and the running ones get the grace to finish, then the server goes.
 */
public final class Agent implements AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String TOKEN = "viewer token";

    private final AgentConfig config;
    private final Database database;
    private final AuditFile auditFile;
    private final Workers workers;
    private final AgentServer server;
    private final ReconcileScheduler reconciler;

    private Agent(AgentConfig config, Database database, AuditFile auditFile, Workers workers, AgentServer server,
                  ReconcileScheduler reconciler) {
        this.config = config;
        this.database = database;
        this.auditFile = auditFile;
        this.workers = workers;
        this.server = server;
        this.reconciler = reconciler;
    }

    /**
     * Starts the agent; fails with one line (a PaycliException) when the data directory, the database, a client's
     * key or the listen address is not usable.
     *
     * @param owner this agent's name in the job queue, the same across its restarts (its host name)
     */
    public static Agent start(AgentConfig config, Map<String, String> env, DeployService deploys, String owner,
                              Clock clock) {
        return start(config, env, deploys, ArchiveSettings.local(config.dataDir().resolve("archive")), owner, clock);
    }

    /**
     * As {@link #start(AgentConfig, Map, DeployService, String, Clock)}, with the archive the deploy engine writes
     * (its ArchiveSink's settings), which {@code POST /api/v1/restore} reads back.
     */
    public static Agent start(AgentConfig config, Map<String, String> env, DeployService deploys,
                              ArchiveSettings archive, String owner, Clock clock) {
        Path bundles = config.dataDir().resolve("bundles");
        try {
            Files.createDirectories(bundles);
        } catch (IOException e) {
            throw new InvalidInputException(config.file() + ": dataDir " + config.dataDir() + " cannot be used: "
                    + e.getMessage(), e);
        }
        Map<String, Client> clients = clients(config, env);
        Viewers viewers = viewers(config, env);
        Database database = Database.open(config.database(), databasePassword(config, env));
        AuditFile auditFile = new AuditFile(config.dataDir().resolve("audit.jsonl"));
        try {
            JobStore jobs = new JobStore(database, clock);
            RequestVerifier verifier = new RequestVerifier(clients, clock, config.clockSkew(), new NonceCache(clock));
            JobRunner runner = new JobRunner(deploys, DeployOptions.DEFAULT_TIMEOUT);
            RestoreJob restores = new RestoreJob(deploys, jobs, archive, id -> Optional.ofNullable(clients.get(id)),
                    DeployOptions.DEFAULT_TIMEOUT);
            Workers workers = new Workers(jobs, new JobHandler(jobs, runner, restores), owner, config.workers(), POLL);
            BundleReader reader = new BundleReader(new BundleLimits(config.maxBundleSize(),
                    BundleLimits.DEFAULTS.maxUncompressedBytes(), BundleLimits.DEFAULTS.maxEntries(),
                    BundleLimits.DEFAULTS.maxFileBytes()));
            AgentServer server = new AgentServer(config, env);
            AuditStore auditLog = new AuditStore(database);
            Audit audit = new Audit(auditLog, auditFile, clock, server.meters());
            DeploymentApi api = new DeploymentApi(verifier, jobs, workers, reader, bundles, audit);
            Sessions sessions = new Sessions(clock);
            server.routes(new Access(verifier, viewers, sessions, config.dashboard().isPublic(), audit)::routes)
                    .routes(api::routes).routes(new ReleasesApi(jobs, audit, deploys, clock)::routes)
                    .routes(new ReadApi(jobs, auditLog, audit)::routes)
                    .routes(new DashboardLogin(viewers, sessions, server.https(), audit)::routes)
                    .routes(new DashboardPage()::routes)
                    .readiness("database", () -> database.isReachable(2) ? Optional.empty()
                            : Optional.of("the database " + database.displayUrl() + " does not answer"))
                    .readiness("workers", () -> workers.alive() ? Optional.empty()
                            : Optional.of("a worker thread has stopped"));
            JobMetrics.bind(server.meters(), jobs, workers);
            ReconcileScheduler reconciler = new ReconcileScheduler(deploys, () -> scopes(jobs),
                    config.reconcileEvery(), ReconcileScheduler.USER, server.meters());
            workers.start();
            server.start();
            return new Agent(config, database, auditFile, workers, server, reconciler.start());
        } catch (RuntimeException e) {
            closeQuietly(auditFile);
            database.close();
            throw e;
        }
    }

    /** Where the agent's apps run now: each namespace, in the cluster its last deploy went to. */
    private static Set<ReconcileScheduler.Scope> scopes(JobStore jobs) {
        return jobs.lastDeployed().stream().filter(r -> r.namespace() != null)
                .map(r -> new ReconcileScheduler.Scope(r.context(), r.namespace()))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static Map<String, Client> clients(AgentConfig config, Map<String, String> env) {
        Map<String, Client> clients = new LinkedHashMap<>();
        for (AgentConfig.ClientConfig c : config.clients()) {
            List<byte[]> secrets = new ArrayList<>();
            secrets.add(secret(c.secret(), env));
            c.nextSecret().ifPresent(next -> secrets.add(secret(next, env)));
            List<Grant> grants = c.allow().stream().map(a -> new Grant(a.apps(), a.envs())).toList();
            clients.put(c.id(), new Client(c.id(), secrets, grants));
        }
        return clients;
    }

    /** The dashboard's viewers, each token read now: a missing or short one stops the start with one line. */
    private static Viewers viewers(AgentConfig config, Map<String, String> env) {
        List<Viewer> viewers = new ArrayList<>();
        for (AgentConfig.ViewerConfig v : config.dashboard().viewers()) {
            AgentConfig.SecretSource source = v.token();
            String key = v.key() + (source.env() != null ? ".tokenEnv" : ".tokenFile");
            try {
                viewers.add(new Viewer(v.id(), source.env() != null ? Secrets.fromEnv(env, source.env(), TOKEN)
                        : Secrets.fromFile(Path.of(source.file()), TOKEN)));
            } catch (InvalidInputException e) {
                throw new InvalidInputException(config.file() + ": " + key + " (viewer " + v.id() + "): "
                        + e.getMessage(), e);
            }
        }
        return new Viewers(viewers);
    }

    private static Optional<String> databasePassword(AgentConfig config, Map<String, String> env) {
        return config.databasePasswordEnv().map(name -> {
            String password = env.get(name);
            if (password == null || password.isEmpty()) {
                throw new InvalidInputException(config.file() + ": databasePasswordEnv: the environment variable "
                        + name + " is not set; it holds the password of the database " + Database.redact(
                        config.database()));
            }
            return password;
        });
    }

    private static byte[] secret(AgentConfig.SecretSource source, Map<String, String> env) {
        return source.env() != null ? Secrets.fromEnv(env, source.env()) : Secrets.fromFile(Path.of(source.file()));
    }

    public URI url() {
        return server.url();
    }

    /**
     * Stops the reconcile rounds and taking jobs, gives the running ones the configured grace, then stops the server
     * and the database.
     */
    public List<String> stop() {
        reconciler.stop(config.shutdownGrace());
        List<String> left = workers.stop(config.shutdownGrace());
        server.stop(config.shutdownGrace());
        closeQuietly(auditFile);
        database.close();
        return left;
    }

    @Override
    public void close() {
        stop();
    }

    private static void closeQuietly(AuditFile file) {
        try {
            file.close();
        } catch (IOException e) {
            // the audit file's last line was written with the request it records; nothing is lost by this
        }
    }
}
