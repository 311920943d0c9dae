package io.paycli.core.error;

/** The release went out but did not become healthy, rolled back or not: exit code 5. */
public class DeployFailedException extends PaycliException {
    public DeployFailedException(String message) {
        super(ExitCodes.DEPLOY_FAILED, message);
    }

    public DeployFailedException(String message, Throwable cause) {
        super(ExitCodes.DEPLOY_FAILED, message, cause);
    }
}
