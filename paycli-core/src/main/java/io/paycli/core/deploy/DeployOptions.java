package io.paycli.core.deploy;

import io.paycli.core.cluster.WaitRules;
import java.time.Duration;

/**
 * How a deploy behaves: how long it may wait for health, whether it waits at all, whether a
 * failed wait rolls back, whether it only asks the server what would change, whether it creates
 * a missing namespace, who is deploying (recorded in the release and the lock), how long all new
 * pods may fail to start (image pull or config errors) before the wait gives up without waiting
 * for the timeout, how it is asked to stop early, and whether policy findings are errors.
 */
public record DeployOptions(Duration timeout, boolean waitForHealth, boolean rollback, boolean dryRun,
                            boolean createNamespace, String user, Duration failFastGrace,
                            Cancellation cancellation, boolean strict) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_FAIL_FAST_GRACE = WaitRules.DEFAULT_FAIL_FAST_GRACE;

    /** Options with the default grace, that nothing outside will cancel. */
    public DeployOptions(Duration timeout, boolean waitForHealth, boolean rollback, boolean dryRun,
                         boolean createNamespace, String user) {
        this(timeout, waitForHealth, rollback, dryRun, createNamespace, user, DEFAULT_FAIL_FAST_GRACE,
                new Cancellation(), false);
    }

    public static DeployOptions defaults(String user) {
        return new DeployOptions(DEFAULT_TIMEOUT, true, true, false, false, user);
    }

    public DeployOptions withFailFastGrace(Duration grace) {
        return new DeployOptions(timeout, waitForHealth, rollback, dryRun, createNamespace, user, grace, cancellation,
                strict);
    }

    public DeployOptions withCancellation(Cancellation stop) {
        return new DeployOptions(timeout, waitForHealth, rollback, dryRun, createNamespace, user, failFastGrace, stop,
                strict);
    }

    /** Policy findings (requests and limits, probes, :latest ...) fail the deploy instead of warning. */
    public DeployOptions withStrict(boolean policiesAreErrors) {
        return new DeployOptions(timeout, waitForHealth, rollback, dryRun, createNamespace, user, failFastGrace,
                cancellation, policiesAreErrors);
    }
}
