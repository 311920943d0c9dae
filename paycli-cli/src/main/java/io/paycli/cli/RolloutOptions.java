package io.paycli.cli;

import io.paycli.core.deploy.Cancellation;
import io.paycli.core.deploy.DeployOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a deploy or rollback waits and recovers. */
final class RolloutOptions {
    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to wait for the release to become healthy (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Option(names = "--no-wait", description = "Do not wait for health; the release is recorded as applied.")
    boolean noWait;

    @Option(names = "--no-rollback", description = "Leave a release that did not become healthy in place.")
    boolean noRollback;

    @Option(names = "--create-namespace", description = "Create the namespace when it does not exist.")
    boolean createNamespace;

    @Option(names = "--fail-fast-grace", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long all new pods may fail to pull their image or to find their config before "
                    + "the wait gives up, without waiting for --timeout (default: ${DEFAULT-VALUE}). A crash loop "
                    + "of 3 restarts ends it at once; a pod that restarts once during a slow start does not.")
    Duration failFastGrace;

    DeployOptions options(boolean dryRun, Cancellation cancellation) {
        return new DeployOptions(timeout, !noWait, !noRollback, dryRun, createNamespace, user())
                .withFailFastGrace(failFastGrace).withCancellation(cancellation);
    }

    /** Who deploys: $PAYCLI_USER (CI sets it to the person or pipeline), else the login name. */
    static String user() {
        String user = System.getenv("PAYCLI_USER");
        return user != null && !user.isBlank() ? user : System.getProperty("user.name", "unknown");
    }
}
