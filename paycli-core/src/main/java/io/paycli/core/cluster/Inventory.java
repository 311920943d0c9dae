package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paycli.core.model.ObjectRef;
import java.util.List;
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

    /** The objects of a kind with all the given labels, in one namespace or (null) in all. */
    List<Map<String, Object>> list(String apiVersion, String kind, String namespace, Map<String, String> labels) {
        Call call = Call.onKind("list", apiVersion, kind, namespace);
        return cluster.calls().idempotent(call, () -> {
            var where = cluster.client().genericKubernetesResources(cluster.definition(apiVersion, kind));
            var scoped = namespace == null ? where.inAnyNamespace() : where.inNamespace(namespace);
            return scoped.withLabels(labels).list().getItems();
        }).stream().map(cluster::toMap).toList();
    }

    /** Deletes with background propagation; an object that is already gone is fine. */
    void delete(ObjectRef ref) {
        cluster.calls().idempotent(Call.on("delete", ref),
                () -> cluster.object(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name())
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
    }

    /**
     * Deletes (in the background, the client's default) only while the object is at {@code resourceVersion}: a
     * precondition the server checks. False when it changed since it was read; gone already is fine.
     */
    boolean deleteUnchanged(ObjectRef ref, String resourceVersion) {
        return cluster.calls().idempotent(Call.on("delete", ref), () -> {
            try {
                cluster.object(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name())
                        .lockResourceVersion(resourceVersion).delete();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return false;
                }
                throw e;
            }
        });
    }
}
