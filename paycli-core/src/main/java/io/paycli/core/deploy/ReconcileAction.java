package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import java.time.Instant;
import java.util.List;

/**
 * One kind of work that {@code paycli reconcile} does when it is due, without a controller in the cluster: each
 * finds what is due from what the cluster records, and does one item under the app's deploy lock.
 */
interface ReconcileAction {
    /** What is due at {@code now} in a namespace, or in every namespace when it is null. */
    List<ReconcileItem> due(ClusterGateway cluster, String namespace, Instant now);

    /**
     * Does one item; the caller holds the app's lock and {@code checkpoint} runs before every write. Returns what
     * was done, or null when it was no longer due (done by someone else meanwhile).
     */
    String perform(ClusterGateway cluster, ReconcileItem item, Runnable checkpoint, String user, Instant now);
}
