package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;

/**
 * The objects of one kind in one namespace, kept current by an informer: a list, then a watch from its
 * resourceVersion; a closed watch is resumed from the last version seen, and an expired one (410 Gone, also as an
 * ERROR event in a 200 stream) is listed again, so no change is lost. The first list asks for a page (limit), which
 * the server answers from storage rather than from its watch cache, so a wait never starts from an object older
 * than the apply that preceded it.
 */
final class Watched implements AutoCloseable {

    private static final long PAGE = 500;

    private final Call call;
    private final SharedIndexInformer<GenericKubernetesResource> informer;
    private final ClusterClient cluster;
    private volatile Throwable failure;
    private volatile Throwable lastError;

    Watched(ClusterClient cluster, Call call, Informable<GenericKubernetesResource> source, Runnable onChange) {
        this.cluster = cluster;
        this.call = call;
        this.informer = source.withLimit(PAGE).runnableInformer(0);
        informer.exceptionHandler((started, error) -> {
            lastError = error;
            boolean retry = Transient.isRetryable(error) || Transient.clientException(error) == null;
            if (!retry) {
                failure = error;
            }
            onChange.run();
            return retry;
        });
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource obj) {
                onChange.run();
            }

            @Override
            public void onUpdate(GenericKubernetesResource oldObj, GenericKubernetesResource newObj) {
                onChange.run();
            }

            @Override
            public void onDelete(GenericKubernetesResource obj, boolean deletedFinalStateUnknown) {
                onChange.run();
            }
        });
        informer.start().whenComplete((ok, error) -> onChange.run());
    }

    Call call() {
        return call;
    }

    boolean synced() {
        return informer.hasSynced();
    }

    /** A failure that retrying will not cure (403, 404), or null. */
    Throwable failure() {
        return failure;
    }

    /** The last failure seen, cured or not, for a message at the deadline. */
    Throwable lastError() {
        return lastError;
    }

    Map<String, Object> get(String namespace, String name) {
        String key = namespace == null ? name : namespace + "/" + name;
        return cluster.toMap(informer.getStore().getByKey(key));
    }

    List<Map<String, Object>> all() {
        return informer.getStore().list().stream().map(cluster::toMap).toList();
    }

    @Override
    public void close() {
        informer.close();
    }
}
