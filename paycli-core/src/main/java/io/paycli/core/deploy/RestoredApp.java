package io.paycli.core.deploy;

import java.time.Duration;
import java.util.List;

/**
 * What a restore did with one app.
 *
 * @param app             the app
 * @param sourceNamespace its namespace in the source cluster
 * @param namespace       its namespace in the target (after --namespace-map)
 * @param version         the version restored (the release's tag); null when skipped without one
 * @param revision        the revision recorded in the target (restored, or in place when unchanged); 0 for none
 * @param duration        how long it took
 * @param outcome         see {@link Outcome}
 * @param reason          why it failed or was skipped; null otherwise
 * @param secrets         the Secrets (namespace/name) its manifests use that the archive holds as digests only:
 *                        not applied, to be provided in the target
 */
public record RestoredApp(String app, String sourceNamespace, String namespace, String version, int revision,
                          Duration duration, Outcome outcome, String reason, List<String> secrets) {
    public RestoredApp {
        secrets = List.copyOf(secrets);
    }

    /** How an app ended. */
    public enum Outcome {
        /** Deployed into the target, healthy, recorded and archived. */
        RESTORED,
        /** The target already ran the archived version, healthy: nothing was written. */
        UNCHANGED,
        /** A dry run found that it would be restored. */
        WOULD_RESTORE,
        /** Its deploy failed (see reason); the other apps went on. */
        FAILED,
        /** Not restored (see reason): nothing restorable in the archive, or the run was stopped first. */
        SKIPPED
    }

    /** "restored", "unchanged", "would restore", "failed: …", "skipped: …", as the table prints it. */
    public String result() {
        String name = outcome.name().toLowerCase().replace('_', ' ');
        return reason == null ? name : name + ": " + reason;
    }
}
