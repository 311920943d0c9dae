package io.paycli.agent.jobs;

import io.paycli.core.deploy.Cancellation;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployResult;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.LockHeldException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployRequest;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs one job through the deploy engine, exactly as {@code paycli deploy} would (lock, apply, prune, wait, record,
 * archive, notify), and writes its log: the engine's progress lines, and the manifests each step applies in full,
 * so that the log of every run shows the YAML that reached the cluster. A cancelled job takes the engine's
 * interrupt path: the previous revision put back, the attempt recorded, the lock released.
 */
public final class JobRunner {
    /**
     * How long a job waits for an app's deploy lock that someone else holds: twice the Lease's 30 s TTL, so the lock
     * of a run that died with its agent (whose holder, a run id of a dead process, nobody will release) has expired,
     * while a lock renewed by a live deploy elsewhere still ends the job with exit 6 instead of queueing it forever.
     */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(60);
    private static final Duration LOCK_POLL = Duration.ofSeconds(2);

    private final DeployService deploys;
    private final Duration timeout;
    private final Duration lockWait;

    /** @param timeout how long a deploy may wait for health, as {@code paycli deploy --timeout} */
    public JobRunner(DeployService deploys, Duration timeout) {
        this(deploys, timeout, LOCK_WAIT);
    }

    /** @param lockWait how long a job waits for an app's lock that another deploy holds before it fails */
    public JobRunner(DeployService deploys, Duration timeout, Duration lockWait) {
        this.deploys = deploys;
        this.timeout = timeout;
        this.lockWait = lockWait;
    }

    public JobOutcome deploy(DeployJob job, Cancellation cancellation, Consumer<String> log) {
        log.accept("==> job " + job.id() + ": " + (job.dryRun() ? "dry run of " : "") + "deploy " + job.tag()
                + " to " + job.env() + ", submitted by " + job.user());
        DeployRequest request = new DeployRequest(job.bundle(), job.env(), job.tag(), job.sets(), null, null);
        DeployOptions options = new DeployOptions(timeout, true, true, job.dryRun(), false, job.user())
                .withCancellation(cancellation);
        Consumer<DeployEvent> events = e -> e.line().lines().forEach(log);
        try {
            DeployResult result = deployWhenUnlocked(request, options, events, log);
            String summary = summary(job, result);
            log.accept("==> " + summary);
            return new JobOutcome(ExitCodes.OK, summary, result.release());
        } catch (PaycliException e) {
            // Bad input may name several problems, one per line; the summary keeps the first.
            List<String> lines = e.getMessage().lines().toList();
            lines.forEach(l -> log.accept("error: " + l));
            return new JobOutcome(e.exitCode(), lines.isEmpty() ? "failed" : lines.get(0)
                    + (lines.size() > 1 ? " (and " + (lines.size() - 1) + " more)" : ""));
        } catch (RuntimeException e) {
            // A bug, not a user's mistake: the job ends, the worker lives on, the log says what happened.
            log.accept("internal error: " + e);
            return new JobOutcome(ExitCodes.INTERNAL, "internal error: " + e);
        }
    }

    /**
     * Deploys, waiting out a lock held by another run: after the agent died mid-deploy, the rerun finds the Lease of
     * its own dead run, which cannot be told from a live deploy's and so is never taken over early.
     */
    private DeployResult deployWhenUnlocked(DeployRequest request, DeployOptions options,
                                            Consumer<DeployEvent> events, Consumer<String> log) {
        long until = System.nanoTime() + lockWait.toNanos();
        boolean told = false;
        while (true) {
            try {
                return deploys.deploy(request, options, events);
            } catch (LockHeldException e) {
                if (System.nanoTime() > until || options.cancellation().cancelled()) {
                    throw e;
                }
                if (!told) {
                    log.accept("==> lock: held by " + e.holder() + "; waiting up to " + lockWait.toSeconds()
                            + " s for it to be released or to expire");
                    told = true;
                }
                sleep(LOCK_POLL);
            }
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a deploy lock", e);
        }
    }

    private static String summary(DeployJob job, DeployResult result) {
        if (job.dryRun()) {
            return "dry run of " + job.tag() + " to " + job.env() + ": " + result.applied().size()
                    + " objects to apply, " + result.pruned().size() + " to prune; nothing changed";
        }
        return result.unchanged()
                ? result.release().app() + " " + job.tag() + " already in place as revision "
                        + result.release().revision() + ": nothing changed"
                : "deployed " + result.release().app() + " " + job.tag() + " to " + job.env() + " as revision "
                        + result.release().revision();
    }
}
