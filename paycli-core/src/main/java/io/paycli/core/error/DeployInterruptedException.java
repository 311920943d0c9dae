package io.paycli.core.error;

import io.paycli.core.model.Release;

/** A deploy stopped because it was asked to (a signal, a shutdown): exit code 5, as the release did not complete. */
public class DeployInterruptedException extends ReleaseFailedException {
    public DeployInterruptedException(String message) {
        super(ExitCodes.DEPLOY_FAILED, message, null, null);
    }

    public DeployInterruptedException(String message, Release release) {
        super(ExitCodes.DEPLOY_FAILED, message, release, null);
    }
}
