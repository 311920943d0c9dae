package io.paycli.agent.store;

/**
 * Where a job is in its life. QUEUED and INTERRUPTED jobs wait to be claimed; RUNNING has an owner; the other three
 * are final.
 */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    CANCELLED,
    /** Was running when its agent stopped; waits in its old place in the queue to run again. */
    INTERRUPTED;

    /** Whether the job has ended for good: nothing will run it again. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Whether a worker may claim the job. */
    public boolean isWaiting() {
        return this == QUEUED || this == INTERRUPTED;
    }
}
