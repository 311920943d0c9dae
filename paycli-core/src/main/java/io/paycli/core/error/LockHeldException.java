package io.paycli.core.error;

/** Another deploy of the same app holds the lock: exit code 6. */
public class LockHeldException extends PaycliException {
    private final String holder;

    public LockHeldException(String message) {
        this(message, null);
    }

    /** {@code holder} is who holds the lock, as its Lease names it (null when unknown). */
    public LockHeldException(String message, String holder) {
        super(ExitCodes.LOCKED, message);
        this.holder = holder;
    }

    public String holder() {
        return holder;
    }
}
