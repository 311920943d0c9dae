package io.paycli.core.deploy;

/**
 * A request from outside to stop a deploy: a signal to the CLI, a shutdown of the agent. The deploy notices it at
 * its next step, puts the previous revision back without waiting for it, records the run as interrupted and
 * releases the lock.
 */
public final class Cancellation {
    private volatile String reason;

    /** Asks the deploy to stop; the first reason given is the one reported. */
    public void cancel(String why) {
        synchronized (this) {
            if (reason == null) {
                reason = why;
            }
        }
    }

    public boolean cancelled() {
        return reason != null;
    }

    /** Why the deploy was asked to stop, such as "SIGTERM"; null while it was not. */
    public String reason() {
        return reason;
    }
}
