package io.paycli.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Namespaces as a real server keeps them: writes into a missing one are refused with 404, a deleted one is
 * Terminating for a moment (new content refused with 403), then its contents and itself disappear.
 */
final class NamespaceLifecycle {

    private static final String FINALIZER = "kubernetes";

    static final List<String> BUILT_IN = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final ObjectStore store;
    private final ResourceCatalog catalog;
    private final ScheduledExecutorService scheduler;
    private final Duration purgeDelay;

    NamespaceLifecycle(ObjectStore store, ResourceCatalog catalog, ScheduledExecutorService scheduler,
            Duration purgeDelay) {
        this.store = store;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.purgeDelay = purgeDelay;
    }

    void createBuiltIns() {
        for (String name : BUILT_IN) {
            Map<String, Object> namespace = new java.util.LinkedHashMap<>();
            namespace.put("apiVersion", "v1");
            namespace.put("kind", "Namespace");
            namespace.put("metadata", new java.util.LinkedHashMap<>(Map.of("name", name,
                    "labels", Map.of("kubernetes.io/metadata.name", name))));
            namespace.put("status", Map.of("phase", "Active"));
            store.create(ResourceCatalog.NAMESPACES.collectionPath(null), namespace);
        }
    }

    void requireWritable(String namespace, ResourceType type, String name) {
        Map<String, Object> object = store.get(ResourceCatalog.NAMESPACES.objectPath(null, namespace));
        if (object == null) {
            throw ApiException.notFound("namespaces", namespace);
        }
        if ("Terminating".equals(Json.string(object, "status", "phase"))) {
            String message = "unable to create new content in namespace " + namespace + " because it is being terminated";
            throw new ApiException(403, "Forbidden", type.qualifiedPlural() + " \"" + name + "\" is forbidden: " + message,
                    Map.of("name", name, "group", type.group(), "kind", type.plural(), "causes",
                            List.of(Map.of("reason", "NamespaceTerminating", "message", message, "field", "metadata.namespace"))));
        }
    }

    /** Marks the namespace Terminating and schedules the removal of everything in it. */
    Map<String, Object> terminate(String name) {
        String path = ResourceCatalog.NAMESPACES.objectPath(null, name);
        Map<String, Object> namespace = store.get(path);
        if (!"Terminating".equals(Json.string(namespace, "status", "phase"))) {
            Map<String, Object> metadata = Json.mapOrCreate(namespace, "metadata");
            metadata.put("deletionTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            // The store removes an object marked for deletion at once unless a finalizer holds it.
            metadata.put("finalizers", List.of(FINALIZER));
            Json.mapOrCreate(namespace, "status").put("phase", "Terminating");
            namespace = store.replace(path, namespace).object();
            scheduler.schedule(() -> purge(name), purgeDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
        return namespace;
    }

    private void purge(String name) {
        synchronized (store) {
            for (Map<String, Object> object : store.all()) {
                if (!name.equals(Json.string(object, "metadata", "namespace"))) {
                    continue;
                }
                Optional<ResourceType> type = catalog.byKind(Json.string(object, "apiVersion"), Json.string(object, "kind"));
                type.ifPresent(t -> store.delete(t.objectPath(name, Json.string(object, "metadata", "name"))));
            }
            String path = ResourceCatalog.NAMESPACES.objectPath(null, name);
            Map<String, Object> namespace = store.get(path);
            if (namespace != null) {
                Json.mapOrCreate(namespace, "metadata").remove("finalizers");
                store.replace(path, namespace);
            }
        }
    }
}
