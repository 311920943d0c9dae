package io.paycli.agent.store;

import java.time.Instant;

/**
 * A job as the store keeps it. Times are kept to the millisecond.
 *
 * @param id              random and URL-safe (22 characters of base64url)
 * @param exitCode        the process exit code the job ended with; null until it is final
 * @param owner           the agent instance running it; null while it waits
 * @param attempts        how many times a worker has started it (1 on its first run, more after interruptions)
 * @param cancelRequested a client asked to cancel it while it ran; the worker stops and finishes it CANCELLED
 * @param startedAt       when its latest run started; null before the first
 * @param heartbeatAt     when its running worker last said it was alive; null while it waits
 * @param dryRun          it asks the cluster what would change and changes nothing
 */
public record Job(String id, String client, String app, String env, String tag, JobKind kind, String idempotencyKey,
                  JobState state, Integer exitCode, String owner, int attempts, boolean cancelRequested,
                  Instant submittedAt, Instant startedAt, Instant finishedAt, Instant heartbeatAt, String bundleDir,
                  boolean dryRun) {
}
