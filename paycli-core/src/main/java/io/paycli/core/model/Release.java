package io.paycli.core.model;

import java.time.Instant;

/**
 * One revision of an app in one environment, as recorded in the cluster after a deploy or a
 * rollback. {@code manifests} is the exact YAML that was applied, so a rollback needs nothing
 * but this record. {@code blueGreen} is null for a rolling release.
 */
public record Release(
        String app,
        String env,
        String namespace,
        int revision,
        String tag,
        String image,
        String template,
        String templateVersion,
        String catalogCommit,
        String configHash,
        String user,
        Instant startedAt,
        long durationMillis,
        Result result,
        String message,
        String manifests,
        BlueGreenState blueGreen) {

    /** A rolling release. */
    public Release(String app, String env, String namespace, int revision, String tag, String image, String template,
            String templateVersion, String catalogCommit, String configHash, String user, Instant startedAt,
            long durationMillis, Result result, String message, String manifests) {
        this(app, env, namespace, revision, tag, image, template, templateVersion, catalogCommit, configHash, user,
                startedAt, durationMillis, result, message, manifests, null);
    }

    /** How the revision ended. */
    public enum Result {
        /** Applied and healthy. */
        SUCCEEDED,
        /** Applied, not healthy, left as it was (--no-rollback, or nothing to go back to). */
        FAILED,
        /** Applied, not healthy, and the previous revision was applied again. */
        ROLLED_BACK,
        /** Stopped by a signal or a shutdown; the previous revision was applied again unless --no-rollback. */
        INTERRUPTED
    }

    public Release withOutcome(Result newResult, String newMessage, long newDurationMillis) {
        return new Release(app, env, namespace, revision, tag, image, template, templateVersion, catalogCommit,
                configHash, user, startedAt, newDurationMillis, newResult, newMessage, manifests, blueGreen);
    }
}
