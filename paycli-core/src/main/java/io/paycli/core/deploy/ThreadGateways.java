package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterConnector;
import io.paycli.core.cluster.ClusterGateway;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One gateway per worker thread of a restore, opened on its first app and kept for the next: a client costs a
 * kubeconfig read, a connection and a version check, and a gateway carries one deploy's state at a time (its retry
 * deadline), so threads do not share one.
 */
final class ThreadGateways implements AutoCloseable {
    private final ClusterConnector connector;
    private final String context;
    private final Map<Thread, ClusterGateway> open = new ConcurrentHashMap<>();

    ThreadGateways(ClusterConnector connector, String context) {
        this.connector = connector;
        this.context = context;
    }

    /** This thread's gateway; a failed connection is thrown and tried again by the thread's next app. */
    ClusterGateway get() {
        return open.computeIfAbsent(Thread.currentThread(), t -> connector.connect(context));
    }

    @Override
    public void close() {
        open.values().forEach(ClusterGateway::close);
        open.clear();
    }
}
