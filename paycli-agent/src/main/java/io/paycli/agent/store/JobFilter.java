package io.paycli.agent.store;

import io.paycli.core.error.InvalidInputException;

/**
 * Which jobs {@link JobStore#list} returns, newest first; a null field matches every job.
 *
 * @param limit at most this many, 1 to {@value #MAX_LIMIT}
 */
public record JobFilter(String app, String env, JobState state, int limit) {
    public static final int MAX_LIMIT = 1000;

    public JobFilter {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidInputException("job list: limit must be 1 to " + MAX_LIMIT + ", not " + limit);
        }
    }

    /** The newest {@code limit} jobs of every app and environment. */
    public static JobFilter all(int limit) {
        return new JobFilter(null, null, null, limit);
    }
}
