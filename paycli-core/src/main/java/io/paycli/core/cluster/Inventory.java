package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paycli.core.model.ObjectRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/** Reading and deleting objects, and the label inventory that pruning relies on. */
final class Inventory {
    private static final int LIST_THREADS = 8;

    private final ClusterClient cluster;

    Inventory(ClusterClient cluster) {
        this.cluster = cluster;
    }

    Optional<Map<String, Object>> get(ObjectRef ref) {
        GenericKubernetesResource found = cluster.calls().idempotent(Call.on("get", ref),
                () -> cluster.object(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name()).get());
        return Optional.ofNullable(cluster.toMap(found));
    }

    /**
     * The objects of every rendered kind that carry all the labels. Objects that a controller owns (the Jobs of a
     * CronJob copy its labels) belong to their owner and are left out, so pruning never deletes them. The kinds
     * are listed in parallel, since each list is a round trip and they do not depend on each other; the result is
     * in kind order all the same.
     */
    List<ObjectRef> list(String namespace, Map<String, String> labels) {
        ExecutorService pool = Executors.newFixedThreadPool(LIST_THREADS, daemon());
        try {
            List<CompletableFuture<List<ObjectRef>>> lists = new ArrayList<>();
            for (Kinds.Kind kind : Kinds.RENDERED) {
                lists.add(CompletableFuture.supplyAsync(() -> listKind(kind, namespace, labels), pool));
            }
            List<ObjectRef> found = new ArrayList<>();
            for (CompletableFuture<List<ObjectRef>> list : lists) {
                found.addAll(join(list));
            }
            return found;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<ObjectRef> listKind(Kinds.Kind kind, String namespace, Map<String, String> labels) {
        Call call = Call.onKind("list", kind.apiVersion(), kind.kind(), namespace);
        GenericKubernetesResourceList items = cluster.calls().idempotent(call, () -> {
            try {
                return cluster.in(kind.apiVersion(), kind.kind(), namespace).withLabels(labels).list();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 404) {
                    return null; // a kind this server does not serve holds nothing of ours
                }
                throw e;
            }
        });
        List<ObjectRef> found = new ArrayList<>();
        if (items != null) {
            for (GenericKubernetesResource item : items.getItems()) {
                if (!controlled(item)) {
                    found.add(new ObjectRef(kind.apiVersion(), kind.kind(), item.getMetadata().getNamespace(),
                            item.getMetadata().getName()));
                }
            }
        }
        return found;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static ThreadFactory daemon() {
        return r -> {
            Thread t = new Thread(r, "paycli-inventory");
            t.setDaemon(true);
            return t;
        };
    }

    /** Deletes with background propagation; an object that is already gone is fine. */
    void delete(ObjectRef ref) {
        cluster.calls().idempotent(Call.on("delete", ref),
                () -> cluster.object(ref.apiVersion(), ref.kind(), ref.namespace(), ref.name())
                        .withPropagationPolicy(DeletionPropagation.BACKGROUND).delete());
    }

    private static boolean controlled(GenericKubernetesResource item) {
        var owners = item.getMetadata().getOwnerReferences();
        return owners != null && owners.stream().anyMatch(o -> Boolean.TRUE.equals(o.getController()));
    }
}
