package io.paycli.core.error;

/** Another deploy of the same app holds the lock: exit code 6. */
public class LockHeldException extends PaycliException {
    public LockHeldException(String message) {
        super(ExitCodes.LOCKED, message);
    }
}
