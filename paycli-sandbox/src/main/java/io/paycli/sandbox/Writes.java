package io.paycli.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Every write goes through here, one at a time: the checks of a real server, ownership bookkeeping, dryRun,
 * then the store. A dry run computes the same answer and stores nothing.
 */
final class Writes {

    /** Whether the write records an Update by its manager, or carries managedFields already computed (apply). */
    enum Ownership { RECORD_UPDATE, PRECOMPUTED }

    private final ObjectStore store;
    private final Strictness strictness;
    private final NamespaceLifecycle namespaces;

    Writes(ObjectStore store, Strictness strictness, NamespaceLifecycle namespaces) {
        this.store = store;
        this.strictness = strictness;
        this.namespaces = namespaces;
    }

    /** The lock every read-modify-write holds, so a patch sees no other write between its read and its write. */
    Object lock() {
        return store;
    }

    ApiResponse create(ResourceType type, String namespace, Map<String, Object> body, String manager,
            Ownership ownership, boolean dryRun) {
        synchronized (store) {
            Map<String, Object> object = Json.copy(body);
            fillTypeMeta(type, object);
            Map<String, Object> metadata = Json.mapOrCreate(object, "metadata");
            String name = Json.string(object, "metadata", "name");
            if (name == null || name.isEmpty()) {
                String prefix = Json.string(object, "metadata", "generateName");
                if (prefix == null || prefix.isEmpty()) {
                    throw ApiException.invalid(type.kind(), type.group(), "", "metadata.name",
                            "Required value: name or generateName is required");
                }
                name = prefix + UUID.randomUUID().toString().substring(0, 5);
                metadata.put("name", name);
            }
            if (type.namespaced()) {
                String inBody = Json.string(object, "metadata", "namespace");
                if (inBody != null && !inBody.equals(namespace)) {
                    throw new ApiException(400, "BadRequest",
                            "the namespace of the provided object does not match the namespace sent on the request");
                }
                metadata.put("namespace", namespace);
                namespaces.requireWritable(namespace, type, name);
            } else {
                metadata.remove("namespace");
            }
            if (store.get(type.objectPath(namespace, name)) != null) {
                throw new ApiException(409, "AlreadyExists", type.qualifiedPlural() + " \"" + name + "\" already exists",
                        Map.of("name", name, "group", type.group(), "kind", type.plural()));
            }
            metadata.remove("resourceVersion");
            if (type.subresources().contains("status")) {
                object.remove("status");
            }
            strictness.applyDefaults(type, null, object);
            strictness.checkSize(type, object);
            if (ownership == Ownership.RECORD_UPDATE) {
                ManagedFields managed = new ManagedFields();
                managed.recordUpdate(null, object, manager, type.groupVersion());
                managed.writeTo(object);
            }
            if (dryRun) {
                // A new Job already has the uid its selector names.
                metadata.putIfAbsent("uid", UUID.randomUUID().toString());
                metadata.put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                metadata.put("generation", 1);
                return ApiResponse.json(201, object);
            }
            ObjectStore.Reply reply = store.create(type.collectionPath(namespace), object);
            return new ApiResponse(reply.ok() ? 201 : reply.code(), reply.body(), Map.of());
        }
    }

    ApiResponse update(ResourceType type, String namespace, String name, Map<String, Object> body, String manager,
            Ownership ownership, boolean dryRun) {
        return update(type, namespace, name, body, manager, ownership, null, dryRun);
    }

    /** A write of spec.replicas through the scale subresource: the manager's entry is recorded for "scale". */
    ApiResponse updateScale(ResourceType type, String namespace, String name, Map<String, Object> body,
            String manager, boolean dryRun) {
        return update(type, namespace, name, body, manager, Ownership.RECORD_UPDATE, "scale", dryRun);
    }

    private ApiResponse update(ResourceType type, String namespace, String name, Map<String, Object> body,
            String manager, Ownership ownership, String subresource, boolean dryRun) {
        synchronized (store) {
            Map<String, Object> current = existing(type, namespace, name);
            Map<String, Object> updated = Json.copy(body);
            fillTypeMeta(type, updated);
            Map<String, Object> metadata = Json.mapOrCreate(updated, "metadata");
            String inBody = Json.string(updated, "metadata", "name");
            if (inBody != null && !inBody.equals(name)) {
                throw new ApiException(400, "BadRequest",
                        "the name of the object (" + inBody + ") does not match the name on the URL (" + name + ")");
            }
            metadata.put("name", name);
            if (type.namespaced()) {
                metadata.put("namespace", namespace);
            }
            checkResourceVersion(type, name, current, Json.string(updated, "metadata", "resourceVersion"));
            Map<String, Object> currentMetadata = Json.map(current, "metadata");
            for (String kept : new String[] {"uid", "creationTimestamp", "resourceVersion", "deletionTimestamp"}) {
                if (currentMetadata.containsKey(kept)) {
                    metadata.put(kept, currentMetadata.get(kept));
                }
            }
            if (type.subresources().contains("status")) {
                restoreStatus(current, updated);
            }
            strictness.applyDefaults(type, current, updated);
            strictness.checkUpdate(type, current, updated);
            strictness.checkSize(type, updated);
            if (ownership == Ownership.RECORD_UPDATE) {
                // As on a real server, managedFields sent in an update replace the record (client-go's csaupgrade
                // relies on it); sent empty or left out, the record is kept.
                boolean sent = !Json.list(updated, "metadata", "managedFields").isEmpty();
                ManagedFields managed = ManagedFields.of(sent ? updated : current);
                managed.recordUpdate(current, updated, manager, type.groupVersion(), subresource);
                managed.writeTo(updated);
            }
            long generation = Json.number(current, 1, "metadata", "generation");
            metadata.put("generation", specChanged(current, updated) ? generation + 1 : generation);
            if (dryRun) {
                return ApiResponse.json(200, updated);
            }
            ObjectStore.Reply reply = store.replace(type.objectPath(namespace, name), updated);
            return new ApiResponse(reply.ok() ? 200 : reply.code(), reply.body(), Map.of());
        }
    }

    /** A write to the status subresource: only status changes, and generation stays. */
    ApiResponse updateStatus(ResourceType type, String namespace, String name, Map<String, Object> body,
            boolean dryRun) {
        synchronized (store) {
            Map<String, Object> current = existing(type, namespace, name);
            checkResourceVersion(type, name, current, Json.string(body, "metadata", "resourceVersion"));
            Map<String, Object> updated = Json.copy(current);
            restoreStatus(body, updated);
            if (dryRun) {
                return ApiResponse.json(200, updated);
            }
            ObjectStore.Reply reply = store.replaceStatus(type.objectPath(namespace, name), updated);
            return new ApiResponse(reply.ok() ? 200 : reply.code(), reply.body(), Map.of());
        }
    }

    ApiResponse delete(ResourceType type, String namespace, String name, Map<String, Object> options,
            boolean dryRun) {
        synchronized (store) {
            Map<String, Object> current = existing(type, namespace, name);
            String precondition = options == null ? null : Json.string(options, "preconditions", "resourceVersion");
            checkResourceVersion(type, name, current, precondition);
            if (dryRun) {
                return ApiResponse.json(200, current);
            }
            if (type.equals(ResourceCatalog.NAMESPACES)) {
                return ApiResponse.json(200, namespaces.terminate(name));
            }
            if (!Json.list(current, "metadata", "finalizers").isEmpty()) {
                return ApiResponse.json(200, markDeleted(type, namespace, name, current));
            }
            store.delete(type.objectPath(namespace, name));
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("name", name);
            details.put("group", type.group());
            details.put("kind", type.plural());
            details.put("uid", Json.string(current, "metadata", "uid"));
            return ApiResponse.json(200, StatusBody.map(200, null, null, details));
        }
    }

    /**
     * An object that finalizers hold is only marked: deletionTimestamp is set and stays, whatever is written to it,
     * until the last finalizer is removed; then it is gone.
     */
    private Map<String, Object> markDeleted(ResourceType type, String namespace, String name,
            Map<String, Object> current) {
        Map<String, Object> metadata = Json.mapOrCreate(current, "metadata");
        if (metadata.get("deletionTimestamp") != null) {
            return current;
        }
        metadata.put("deletionTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        metadata.put("deletionGracePeriodSeconds", 0);
        return store.replace(type.objectPath(namespace, name), current).object();
    }

    Map<String, Object> existing(ResourceType type, String namespace, String name) {
        Map<String, Object> current = store.get(type.objectPath(namespace, name));
        if (current == null) {
            throw ApiException.notFound(type.qualifiedPlural(), name);
        }
        return current;
    }

    private static void checkResourceVersion(ResourceType type, String name, Map<String, Object> current,
            String expected) {
        String actual = Json.string(current, "metadata", "resourceVersion");
        if (expected != null && !expected.isEmpty() && !expected.equals(actual)) {
            throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + type.qualifiedPlural() + " \""
                    + name + "\": the object has been modified; please apply your changes to the latest version and try again",
                    Map.of("name", name, "group", type.group(), "kind", type.plural()));
        }
    }

    private static void restoreStatus(Map<String, Object> from, Map<String, Object> to) {
        if (from.containsKey("status")) {
            to.put("status", Json.copy(from.get("status")));
        } else {
            to.remove("status");
        }
    }

    private static void fillTypeMeta(ResourceType type, Map<String, Object> object) {
        // Go's omitempty: an empty label or annotation map is not stored, as on a real server.
        Map<String, Object> metadata = Json.map(object, "metadata");
        if (metadata != null) {
            for (String key : new String[] {"labels", "annotations"}) {
                if (metadata.get(key) instanceof Map && ((Map<?, ?>) metadata.get(key)).isEmpty()) {
                    metadata.remove(key);
                }
            }
        }
        Object kind = object.get("kind");
        if (kind != null && !type.kind().equals(kind)) {
            throw new ApiException(400, "BadRequest", "the kind of the object (" + kind
                    + ") does not match the resource on the URL (" + type.kind() + ")");
        }
        object.put("apiVersion", type.groupVersion());
        object.put("kind", type.kind());
    }

    /** Generation counts changes to anything but metadata and status, as the real server does. */
    private static boolean specChanged(Map<String, Object> before, Map<String, Object> after) {
        Map<String, Object> a = Json.copy(before);
        Map<String, Object> b = Json.copy(after);
        for (Map<String, Object> m : java.util.List.of(a, b)) {
            m.remove("metadata");
            m.remove("status");
        }
        return !Objects.equals(a, b);
    }
}
