package io.paycli.agent.jobs;

import io.paycli.agent.auth.Client;
import io.paycli.agent.store.DeployedRelease;
import io.paycli.agent.store.Job;
import io.paycli.agent.store.JobKind;
import io.paycli.agent.store.JobStore;
import io.paycli.agent.store.NewJob;
import io.paycli.core.archive.ArchiveApps;
import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.archive.ArchiveSnapshot;
import io.paycli.core.archive.ArchivedApp;
import io.paycli.core.deploy.Cancellation;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.deploy.RestoreOptions;
import io.paycli.core.deploy.RestoreReport;
import io.paycli.core.deploy.RestoredApp;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The disaster-recovery "resume" of the seed, run as a job: every app the agent deployed (in one environment or in
 * all) that the asking client's grants cover is put back from the agent's archive as its last successful release,
 * through core's restore (lock, apply, wait, record), cluster by cluster into the context it was deployed to. Apps
 * already running their archived version are left alone, so a second run changes nothing; locks left by a killed
 * run are waited out. The cluster's captured installation (CRDs, RBAC and the like) is not the agent's to restore:
 * {@code paycli restore} does that.
 */
public final class RestoreJob {
    /** The job row's app: not a DNS label, so it never clashes with an app's own queue. */
    public static final String APP = "_restore";
    /** The job row's tag: a restore puts back what was deployed last, whatever its version. */
    public static final String TAG = "last-deployed";

    private final DeployService deploys;
    private final JobStore store;
    private final ArchiveSettings archive;
    private final Function<String, Optional<Client>> clients;
    private final Duration timeout;

    /**
     * @param clients the clients of agent.yaml by id: the grants are those of the moment the job runs
     * @param timeout how long each app's deploy may wait for health
     */
    public RestoreJob(DeployService deploys, JobStore store, ArchiveSettings archive,
                      Function<String, Optional<Client>> clients, Duration timeout) {
        this.deploys = deploys;
        this.store = store;
        this.archive = archive;
        this.clients = clients;
        this.timeout = timeout;
    }

    /** The job a client's {@code POST /api/v1/restore} queues. */
    public static NewJob newJob(String client, Optional<String> env, String idempotencyKey, boolean dryRun) {
        return new NewJob(client, APP, env.orElse(RestorePlan.EVERY_ENV), TAG, JobKind.RESTORE, idempotencyKey, "",
                dryRun);
    }

    public JobOutcome run(Job job, Cancellation cancellation, Consumer<String> log) {
        boolean every = RestorePlan.EVERY_ENV.equals(job.env());
        log.accept("==> job " + job.id() + ": " + (job.dryRun() ? "dry run of " : "") + "restore of the apps deployed"
                + (every ? "" : " to " + job.env()) + " from the archive at " + archive.dir() + ", submitted by "
                + job.client());
        Optional<Client> client = clients.apply(job.client());
        if (client.isEmpty()) {
            String why = "client " + job.client() + " is no longer in the agent's config: nothing restored";
            log.accept("error: " + why);
            return new JobOutcome(ExitCodes.CLUSTER, why);
        }
        RestorePlan plan = RestorePlan.of(store.lastDeployed(), client.get(), job.env());
        Tally tally = new Tally();
        plan.refused().forEach(r -> tally.skip(r.app() + " in " + r.env() + ": no grant of client " + job.client()
                + " covers it", log));
        DeployOptions deploy = new DeployOptions(timeout, true, true, false, false, job.client())
                .withCancellation(cancellation);
        for (Map.Entry<Target, List<DeployedRelease>> cluster : byCluster(plan.covered(), tally, log).entrySet()) {
            if (cancellation.cancelled()) {
                cluster.getValue().forEach(r -> tally.skip(r.app() + " in " + r.env() + ": " + cancellation.reason(),
                        log));
                tally.failed(ExitCodes.DEPLOY_FAILED);
                continue;
            }
            try {
                restore(cluster.getKey(), cluster.getValue(), job.dryRun(), deploy, tally, log);
            } catch (PaycliException e) {
                e.getMessage().lines().forEach(l -> log.accept("error: " + l));
                tally.failed(e.exitCode());
            } catch (UncheckedIOException e) {
                log.accept("error: " + e.getMessage() + ": " + e.getCause().getMessage());
                tally.failed(ExitCodes.INTERNAL);
            } catch (RuntimeException e) {
                // A bug, not a user's mistake: the other clusters are still restored, the log says what happened.
                log.accept("internal error: " + e);
                tally.failed(ExitCodes.INTERNAL);
            }
        }
        String summary = tally.summary(job.dryRun());
        log.accept("==> " + summary);
        return new JobOutcome(tally.exitCode, summary);
    }

    private void restore(Target target, List<DeployedRelease> apps, boolean dryRun, DeployOptions deploy,
                         Tally tally, Consumer<String> log) {
        ArchiveSnapshot snapshot = ArchiveApps.read(archive, target.cluster(), null, w -> log.accept("warning: " + w));
        Set<String> wanted = new TreeSet<>();
        apps.forEach(a -> wanted.add(a.namespace() + "/" + a.app()));
        List<ArchivedApp> kept = new ArrayList<>();
        for (ArchivedApp archived : snapshot.apps()) {
            if (wanted.remove(archived.namespace() + "/" + archived.app())) {
                kept.add(archived);
            } else {
                log.accept("left out " + archived.namespace() + "/" + archived.app() + " of cluster "
                        + target.cluster() + ": not one of the apps this restore covers");
            }
        }
        wanted.forEach(w -> tally.skip(w + ": the archive holds nothing of it in cluster " + target.cluster(), log));
        if (kept.isEmpty()) {
            return;
        }
        // The installation is cluster-wide, beyond any client's grants: left out on purpose.
        RestoreReport report = deploys.restore(new ArchiveSnapshot(snapshot.cluster(), snapshot.commit(),
                snapshot.from(), kept, null), new RestoreOptions(target.context(), Map.of(),
                RestoreOptions.DEFAULT_PARALLEL, dryRun, true, deploy), e -> line(e).lines().forEach(log));
        tally.add(report);
        report.secretsToProvide().forEach(s -> log.accept("secret to provide: " + s
                + " (the archive holds a digest of its value only)"));
    }

    /** The event's line; the engine's per-app restore events name their app only in their object, so it is added. */
    private static String line(DeployEvent event) {
        if (event.step() != DeployEvent.Step.RESTORE || event.object() == null) {
            return event.line();
        }
        String app = event.object().namespace() + "/" + event.object().name() + ": ";
        return new DeployEvent(event.step(), event.kind(), event.object(), app + event.message()).line();
    }

    /** The apps to restore by the cluster and context they were deployed to; those without a record are skipped. */
    private static Map<Target, List<DeployedRelease>> byCluster(List<DeployedRelease> covered, Tally tally,
                                                                Consumer<String> log) {
        Map<Target, List<DeployedRelease>> clusters = new LinkedHashMap<>();
        for (DeployedRelease r : covered) {
            if (r.cluster() == null || r.context() == null || r.namespace() == null) {
                tally.skip(r.app() + " in " + r.env() + ": its job " + r.jobId() + " did not record where it "
                        + "deployed (an older agent ran it); deploy it again", log);
                continue;
            }
            clusters.computeIfAbsent(new Target(r.cluster(), r.context()), t -> new ArrayList<>()).add(r);
        }
        return clusters;
    }

    private record Target(String cluster, String context) {
    }

    /** The counts of every cluster's report together, and the exit code they come to. */
    private static final class Tally {
        private final Map<RestoredApp.Outcome, Long> counts = new EnumMap<>(RestoredApp.Outcome.class);
        private int skipped;
        private int exitCode = ExitCodes.OK;

        void add(RestoreReport report) {
            for (RestoredApp.Outcome outcome : RestoredApp.Outcome.values()) {
                counts.merge(outcome, report.count(outcome), Long::sum);
            }
            if (report.anyFailed()) {
                failed(ExitCodes.DEPLOY_FAILED);
            }
        }

        void skip(String what, Consumer<String> log) {
            log.accept("skipped " + what);
            skipped++;
        }

        void failed(int code) {
            if (exitCode == ExitCodes.OK) {
                exitCode = code;
            }
        }

        String summary(boolean dryRun) {
            long skippedAll = skipped + counts.getOrDefault(RestoredApp.Outcome.SKIPPED, 0L);
            String counted = (dryRun ? count(RestoredApp.Outcome.WOULD_RESTORE) + " would be restored"
                    : count(RestoredApp.Outcome.RESTORED) + " restored") + ", "
                    + count(RestoredApp.Outcome.UNCHANGED) + " unchanged, " + count(RestoredApp.Outcome.FAILED)
                    + " failed, " + skippedAll + " skipped";
            return (dryRun ? "dry run of the restore: " : "restore: ") + counted
                    + (exitCode == ExitCodes.OK ? "" : "; exit code " + exitCode);
        }

        private long count(RestoredApp.Outcome outcome) {
            return counts.getOrDefault(outcome, 0L);
        }
    }
}
