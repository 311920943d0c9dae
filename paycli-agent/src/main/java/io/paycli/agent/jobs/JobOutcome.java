package io.paycli.agent.jobs;

/**
 * How a job ended: the exit code the CLI's deploy would have ended with (0 deployed, 3 bad input, 4 cluster, 5 the
 * release failed, 6 locked), and one sentence for the status and the job list.
 */
public record JobOutcome(int exitCode, String summary) {
    public boolean succeeded() {
        return exitCode == 0;
    }
}
