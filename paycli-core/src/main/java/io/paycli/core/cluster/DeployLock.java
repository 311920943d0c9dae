package io.paycli.core.cluster;

/** A held deploy lock. Closing it stops the renewal and releases the Lease. */
public interface DeployLock extends AutoCloseable {
    String holder();

    @Override
    void close();
}
