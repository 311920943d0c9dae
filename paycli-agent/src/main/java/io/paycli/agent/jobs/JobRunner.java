package io.paycli.agent.jobs;

import io.paycli.core.deploy.Cancellation;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployResult;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.ExitCodes;
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
    private final DeployService deploys;
    private final Duration timeout;

    /** @param timeout how long a deploy may wait for health, as {@code paycli deploy --timeout} */
    public JobRunner(DeployService deploys, Duration timeout) {
        this.deploys = deploys;
        this.timeout = timeout;
    }

    public JobOutcome deploy(DeployJob job, Cancellation cancellation, Consumer<String> log) {
        log.accept("==> job " + job.id() + ": " + (job.dryRun() ? "dry run of " : "") + "deploy " + job.tag()
                + " to " + job.env() + ", submitted by " + job.user());
        DeployRequest request = new DeployRequest(job.bundle(), job.env(), job.tag(), job.sets(), null, null);
        DeployOptions options = new DeployOptions(timeout, true, true, job.dryRun(), false, job.user())
                .withCancellation(cancellation);
        Consumer<DeployEvent> events = e -> e.line().lines().forEach(log);
        try {
            DeployResult result = deploys.deploy(request, options, events);
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
