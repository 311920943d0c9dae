package io.paycli.core.cluster;

/** A held deploy lock. Closing it stops the renewal and releases the Lease. */
public interface DeployLock extends AutoCloseable {
    String holder();

    /**
     * Returns when the lock is still ours: renewed within its renew deadline and not taken over. Every step that
     * changes the cluster calls this first.
     *
     * @throws io.paycli.core.error.LockLostException when it is not
     */
    void ensureHeld();

    @Override
    void close();
}
