package io.paycli.core.error;

/** A deploy stopped because it was asked to (a signal, a shutdown): exit code 5, as the release did not complete. */
public class DeployInterruptedException extends PaycliException {
    public DeployInterruptedException(String message) {
        super(ExitCodes.DEPLOY_FAILED, message);
    }
}
