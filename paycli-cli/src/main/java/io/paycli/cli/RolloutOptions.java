package io.paycli.cli;

import io.paycli.core.deploy.Cancellation;
import io.paycli.core.deploy.DeployOptions;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How a deploy or rollback waits for health and recovers from a release that does not become healthy. */
final class RolloutOptions {
    /** A rollout is not seen in less: the controller, the kubelet and a readiness probe each take their time. */
    static final Duration MIN_TIMEOUT = Duration.ofSeconds(5);

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    Duration timeout;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "How long to wait for the release to become healthy, at least 5s (default: "
                    + "${DEFAULT-VALUE}).")
    void timeout(Duration value) {
        if (value.compareTo(MIN_TIMEOUT) < 0) {
            throw new ParameterException(spec.commandLine(), "--timeout " + DurationConverter.text(value)
                    + " is too short to see a rollout: use at least 5s (the default is 5m)");
        }
        timeout = value;
    }

    @Option(names = "--no-wait", description = "Do not wait for health; the release is recorded as applied.")
    boolean noWait;

    @Option(names = "--no-rollback", description = "Leave a release that did not become healthy in place.")
    boolean noRollback;

    @Option(names = "--fail-fast-grace", paramLabel = "DURATION", defaultValue = "30s",
            converter = DurationConverter.class,
            description = "How long all new pods may fail to pull their image or to find their config before "
                    + "the wait gives up, without waiting for --timeout (default: ${DEFAULT-VALUE}). A crash loop "
                    + "of 3 restarts ends it at once; a pod that restarts once during a slow start does not.")
    Duration failFastGrace;

    DeployOptions options(boolean dryRun, boolean createNamespace, Cancellation cancellation) {
        if (noWait) {
            OptionConflicts.refuse(spec, "--no-wait watches no pods", List.of("--fail-fast-grace"));
        }
        return new DeployOptions(timeout, !noWait, !noRollback, dryRun, createNamespace, user())
                .withFailFastGrace(failFastGrace).withCancellation(cancellation);
    }

    /** Who deploys: $PAYCLI_USER (CI sets it to the person or pipeline), else the login name. */
    static String user() {
        String user = System.getenv("PAYCLI_USER");
        return user != null && !user.isBlank() ? user : System.getProperty("user.name", "unknown");
    }
}
