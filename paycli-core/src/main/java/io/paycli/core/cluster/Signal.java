package io.paycli.core.cluster;

import java.time.Duration;

/** Wakes a waiting thread when anything it follows changed; a version counter means no change is missed. */
final class Signal {

    private long version;

    synchronized void poke() {
        version++;
        notifyAll();
    }

    synchronized long version() {
        return version;
    }

    /** Returns when the version moved past {@code seen}, or after {@code timeout}. */
    synchronized void awaitChange(long seen, Duration timeout) {
        long end = System.nanoTime() + timeout.toNanos();
        try {
            while (version == seen) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.paycli.core.error.ClusterException("interrupted while waiting for the rollout", e);
        }
    }
}
