package io.paycli.core.error;

/**
 * The API server stopped answering during a deploy, for longer than the lock's renew deadline: the lock cannot be
 * kept, and nothing more can be done, so the deploy stops as it does when the lock is lost, but with exit code 4.
 */
public class ServerLostException extends LockLostException {
    public ServerLostException(String message) {
        super(ExitCodes.CLUSTER, message);
    }
}
