package io.paycli.agent.store;

import java.util.Objects;

/**
 * A job as a client asks for it.
 *
 * @param client         the key id of the client that asked
 * @param idempotencyKey the client's name for this request (null for none): a retried request with the same key
 *                       gets the job the first one made, not a second deploy
 * @param bundleDir      where the agent unpacked the request's bundle
 * @param dryRun         ask the cluster what the deploy would change, change nothing
 * @param target         where a deploy goes, as its bundle says; {@link JobTarget#UNKNOWN} for a restore
 */
public record NewJob(String client, String app, String env, String tag, JobKind kind, String idempotencyKey,
                     String bundleDir, boolean dryRun, JobTarget target) {
    /** A job whose target is not known at submit. */
    public NewJob(String client, String app, String env, String tag, JobKind kind, String idempotencyKey,
                  String bundleDir, boolean dryRun) {
        this(client, app, env, tag, kind, idempotencyKey, bundleDir, dryRun, JobTarget.UNKNOWN);
    }

    /** A job that changes the cluster. */
    public NewJob(String client, String app, String env, String tag, JobKind kind, String idempotencyKey,
                  String bundleDir) {
        this(client, app, env, tag, kind, idempotencyKey, bundleDir, false);
    }

    public NewJob {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bundleDir, "bundleDir");
        target = target == null ? JobTarget.UNKNOWN : target;
    }
}
