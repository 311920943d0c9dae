package io.paycli.core.error;

/**
 * The deploy lock was lost while the deploy held it: taken over, deleted, or not renewed in time. Someone else may
 * be deploying now, so the deploy stops at once, without a rollback or a record: exit code 6.
 */
public class LockLostException extends PaycliException {
    public LockLostException(String message) {
        super(ExitCodes.LOCKED, message);
    }

    protected LockLostException(int exitCode, String message) {
        super(exitCode, message);
    }
}
