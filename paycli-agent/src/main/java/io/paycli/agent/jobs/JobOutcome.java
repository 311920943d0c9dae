package io.paycli.agent.jobs;

import io.paycli.core.model.Release;

/**
 * How a job ended: the exit code the CLI's deploy would have ended with (0 deployed, 3 bad input, 4 cluster, 5 the
 * release failed, 6 locked), and one sentence for the status and the job list.
 *
 * @param release the release a successful deploy recorded or found in place; null for a dry run, a failure and a
 *                restore
 */
public record JobOutcome(int exitCode, String summary, Release release) {
    public JobOutcome(int exitCode, String summary) {
        this(exitCode, summary, null);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }
}
