package io.paycli.core.deploy;

import java.time.Duration;

/**
 * How a deploy behaves: how long it may wait for health, whether it waits at all, whether a
 * failed wait rolls back, whether it only asks the server what would change, whether it creates
 * a missing namespace, who is deploying (recorded in the release and the lock), and how it is
 * asked to stop early.
 */
public record DeployOptions(Duration timeout, boolean waitForHealth, boolean rollback, boolean dryRun,
                            boolean createNamespace, String user, Cancellation cancellation) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** Options that nothing outside will cancel. */
    public DeployOptions(Duration timeout, boolean waitForHealth, boolean rollback, boolean dryRun,
                         boolean createNamespace, String user) {
        this(timeout, waitForHealth, rollback, dryRun, createNamespace, user, new Cancellation());
    }

    public static DeployOptions defaults(String user) {
        return new DeployOptions(DEFAULT_TIMEOUT, true, true, false, false, user);
    }
}
