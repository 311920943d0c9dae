package io.paycli.core.cluster;

import io.paycli.core.error.DeployFailedException;
import io.paycli.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Waits until an object that is being deleted is gone: finalizers (an ingress controller releasing its load
 * balancer, PVC protection) can hold it for a while, and an apply in the meantime is lost with it.
 */
final class DeletionWait {

    private final ClusterClient cluster;

    DeletionWait(ClusterClient cluster) {
        this.cluster = cluster;
    }

    void await(ObjectRef ref, Instant deadline, Runnable checkpoint) {
        Call call = Call.on("watch", ref);
        Signal signal = new Signal();
        var source = cluster.in(ref.apiVersion(), ref.kind(), ref.namespace())
                .withField("metadata.name", ref.name());
        try (Watched watched = new Watched(cluster, call, source, signal::poke)) {
            while (true) {
                checkpoint.run();
                long seen = signal.version();
                if (watched.failure() != null) {
                    throw cluster.calls().errors().translate(call, Transient.clientException(watched.failure()), 1);
                }
                if (watched.synced() && watched.get(ref.namespace(), ref.name()) == null) {
                    return;
                }
                Instant now = cluster.clock().instant();
                if (!now.isBefore(deadline)) {
                    throw new DeployFailedException(ref + " is still being deleted (finalizers "
                            + finalizers(watched.get(ref.namespace(), ref.name())) + "), so it cannot be created again"
                            + " yet; the controller that owns those finalizers has not released it");
                }
                Duration left = Duration.between(now, deadline);
                signal.awaitChange(seen, left.compareTo(HealthWait.ROUND) < 0 ? left : HealthWait.ROUND);
            }
        }
    }

    private static Object finalizers(Map<String, Object> object) {
        return object == null ? "[]" : Fields.at(object, "metadata", "finalizers");
    }
}
