package io.paycli.agent.store;

import java.util.Objects;

/**
 * A job as a client asks for it.
 *
 * @param client         the key id of the client that asked
 * @param idempotencyKey the client's name for this request (null for none): a retried request with the same key
 *                       gets the job the first one made, not a second deploy
 * @param bundleDir      where the agent unpacked the request's bundle
 */
public record NewJob(String client, String app, String env, String tag, JobKind kind, String idempotencyKey,
                     String bundleDir) {
    public NewJob {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(tag, "tag");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(bundleDir, "bundleDir");
    }
}
