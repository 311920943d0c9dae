package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.paycli.core.model.ObjectRef;
import java.util.Map;
import java.util.Optional;

/** Reading and deleting single objects. */
final class Inventory {
    private final ClusterClient cluster;

    Inventory(ClusterClient cluster) {
        this.cluster = cluster;
    }

    Optional<Map<String, Object>> get(ObjectRef ref) {
        GenericKubernetesResource found = cluster.calls().idempotent(Call.on("get", ref),
                () -> cluster.object(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name()).get());
        return Optional.ofNullable(cluster.toMap(found));
    }

    /** Deletes with background propagation; an object that is already gone is fine. */
    void delete(ObjectRef ref) {
        cluster.calls().idempotent(Call.on("delete", ref),
                () -> cluster.object(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name())
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
    }
}
