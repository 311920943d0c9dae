package io.paycli.core.error;

import io.paycli.core.model.Release;

/** The release went out but did not become healthy, rolled back or not: exit code 5. */
public class DeployFailedException extends ReleaseFailedException {
    public DeployFailedException(String message) {
        super(ExitCodes.DEPLOY_FAILED, message, null, null);
    }

    public DeployFailedException(String message, Throwable cause) {
        super(ExitCodes.DEPLOY_FAILED, message, null, cause);
    }

    public DeployFailedException(String message, Release release) {
        super(ExitCodes.DEPLOY_FAILED, message, release, null);
    }
}
