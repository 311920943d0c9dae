package io.paycli.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Controllers that hold objects with finalizers, as real clusters have them: an ingress controller releasing its
 * load balancer, the service controller cleaning up a LoadBalancer Service, PVC protection. Each puts its
 * finalizer on new objects of its kind, and removes it a while after the object was deleted; until then the
 * object is Terminating and whatever is written to it is lost with it.
 */
final class FinalizerControllers implements ObjectStore.Listener {

    static final String INGRESS = "ingress.sandbox.paycli.io/load-balancer";
    static final String LOAD_BALANCER = "service.kubernetes.io/load-balancer-cleanup";
    static final String PVC = "kubernetes.io/pvc-protection";
    static final String MANAGER = "sandbox-controllers";

    private final ObjectStore store;
    private final ResourceCatalog catalog;
    private final Writes writes;
    private final ScheduledExecutorService scheduler;
    private final Duration delay;

    FinalizerControllers(ObjectStore store, ResourceCatalog catalog, Writes writes, ScheduledExecutorService scheduler,
            Duration delay) {
        this.store = store;
        this.catalog = catalog;
        this.writes = writes;
        this.scheduler = scheduler;
        this.delay = delay;
    }

    @Override
    public void changed(ObjectStore.Change change) {
        Map<String, Object> object = change.object();
        String finalizer = finalizerFor(object);
        if (change.type().equals("DELETED") || finalizer == null) {
            return;
        }
        boolean deleting = Json.string(object, "metadata", "deletionTimestamp") != null;
        boolean held = Json.list(object, "metadata", "finalizers").contains(finalizer);
        String namespace = Json.string(object, "metadata", "namespace");
        String name = Json.string(object, "metadata", "name");
        String apiVersion = Json.string(object, "apiVersion");
        String kind = Json.string(object, "kind");
        if (!deleting && !held) {
            scheduler.execute(() -> edit(apiVersion, kind, namespace, name, finalizer, true));
        } else if (deleting && held) {
            scheduler.schedule(() -> edit(apiVersion, kind, namespace, name, finalizer, false), delay.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private static String finalizerFor(Map<String, Object> object) {
        String kind = String.valueOf(object.get("kind"));
        String apiVersion = String.valueOf(object.get("apiVersion"));
        if (kind.equals("Ingress") && apiVersion.equals("networking.k8s.io/v1")) {
            return INGRESS;
        }
        if (kind.equals("Service") && apiVersion.equals("v1")
                && "LoadBalancer".equals(Json.string(object, "spec", "type"))) {
            return LOAD_BALANCER;
        }
        if (kind.equals("PersistentVolumeClaim") && apiVersion.equals("v1")) {
            return PVC;
        }
        return null;
    }

    /** Adds or removes the finalizer with an update, as the controller's own client would. */
    private void edit(String apiVersion, String kind, String namespace, String name, String finalizer, boolean add) {
        ResourceType type = catalog.byKind(apiVersion, kind).orElse(null);
        if (type == null) {
            return;
        }
        synchronized (writes.lock()) {
            Map<String, Object> current = store.get(type.objectPath(namespace, name));
            if (current == null) {
                return;
            }
            boolean deleting = Json.string(current, "metadata", "deletionTimestamp") != null;
            List<Object> finalizers = new ArrayList<>(Json.list(current, "metadata", "finalizers"));
            if (add == finalizers.contains(finalizer) || (add && deleting)) {
                return;
            }
            if (add) {
                finalizers.add(finalizer);
            } else {
                finalizers.remove(finalizer);
            }
            Map<String, Object> updated = Json.copy(current);
            Json.mapOrCreate(updated, "metadata").put("finalizers", finalizers);
            try {
                writes.update(type, namespace, name, updated, MANAGER, Writes.Ownership.RECORD_UPDATE, false);
            } catch (ApiException e) {
                // The object changed or went away meanwhile; the next change brings the controller back.
            }
        }
    }
}
