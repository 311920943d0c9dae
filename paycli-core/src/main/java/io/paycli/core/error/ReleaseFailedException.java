package io.paycli.core.error;

import io.paycli.core.model.Release;

/**
 * A deploy that ended without success: failed, rolled back or interrupted. When it got as far as a record, it
 * carries the recorded release (else null), so a front end can report the outcome (CI reads it from
 * {@code -o json}) as well as the sentence and the exit code of the failure.
 */
public class ReleaseFailedException extends PaycliException {
    private final transient Release release;

    public ReleaseFailedException(int exitCode, String message, Release release, Throwable cause) {
        super(exitCode, message, cause);
        this.release = release;
    }

    /** The recorded release, or null when the deploy stopped before it had one. */
    public Release release() {
        return release;
    }
}
