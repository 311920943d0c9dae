package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Server-side apply, leaf by leaf: the applied object is the manager's whole intent. A leaf it sets that another
 * manager owns with a different value conflicts (409) unless forced; equal values are shared. Keyed lists merge item
 * by item. A leaf it applied before and now omits is removed when nobody else owns it, so defaults come back (a
 * Deployment's replicas returns to 1), and fields that only other managers own stay whatever this manager applies.
 */
final class ServerSideApply {

    private static final List<String> IDENTITY = List.of("name", "namespace", "generateName", "resourceVersion");
    private static final List<String> OWNED_METADATA = List.of("labels", "annotations", "finalizers",
            "ownerReferences");

    private ServerSideApply() {
    }

    /**
     * The object that results from applying, with its managedFields updated.
     *
     * @param live the stored object, or null when the apply creates it
     */
    static Map<String, Object> apply(Map<String, Object> live, Map<String, Object> applied, String manager,
            boolean force, String qualifiedName) {
        if (Json.map(applied, "metadata") != null && Json.map(applied, "metadata").containsKey("managedFields")) {
            // The real server refuses them too: an applied object states intent, ownership is the server's record.
            throw new ApiException(400, "BadRequest", "metadata.managedFields must be nil");
        }
        String apiVersion = String.valueOf(applied.get("apiVersion"));
        ManagedFields managed = ManagedFields.of(live);
        if (live != null && managed.isEmpty()) {
            // An object nobody has recorded fields for (made before field tracking, or its record cleared).
            managed.entry(ManagedFields.BEFORE_FIRST_APPLY, "Update", apiVersion).fields
                    .addAll(Leaves.of(live).keySet());
        }
        Map<FieldPath, Object> intent = Leaves.of(applied);
        resolveConflicts(managed, Leaves.of(live), intent, manager, force, qualifiedName);

        ManagedFields.Entry mine = managed.entry(manager, "Apply", apiVersion);
        Set<FieldPath> dropped = new LinkedHashSet<>(mine.fields);
        dropped.removeAll(intent.keySet());
        mine.fields.clear();
        mine.fields.addAll(intent.keySet());

        Map<String, Object> result = merged(live, applied);
        // Outermost first: a list item goes as a whole, before its key fields could be removed from it.
        List<FieldPath> outermostFirst = new ArrayList<>(dropped);
        outermostFirst.sort(Comparator.comparingInt((FieldPath p) -> p.elements().size()));
        for (FieldPath path : outermostFirst) {
            if (!managed.ownedWithin(path)) {
                remove(result, path, managed);
            }
        }
        if (live != null && !content(live).equals(content(result))) {
            // A manager that changed a value stamps its entry with the time, as the real server does.
            mine.touched = true;
        }
        managed.writeTo(result);
        return result;
    }

    /** The object without its managedFields and resourceVersion, to tell whether an apply changed anything. */
    private static Map<String, Object> content(Map<String, Object> object) {
        Map<String, Object> copy = Json.copy(object);
        Map<String, Object> metadata = Json.mapOrCreate(copy, "metadata");
        metadata.remove("managedFields");
        metadata.remove("resourceVersion");
        return copy;
    }

    /** The live object with the applied one merged in. */
    private static Map<String, Object> merged(Map<String, Object> live, Map<String, Object> applied) {
        Map<String, Object> result = live == null ? new LinkedHashMap<>() : Json.copy(live);
        result.put("apiVersion", applied.get("apiVersion"));
        result.put("kind", applied.get("kind"));
        Map<String, Object> metadata = Json.mapOrCreate(result, "metadata");
        Map<String, Object> appliedMetadata = Json.map(applied, "metadata");
        if (appliedMetadata != null) {
            for (String key : IDENTITY) {
                if (appliedMetadata.containsKey(key)) {
                    metadata.put(key, Json.copy(appliedMetadata.get(key)));
                }
            }
            for (String key : OWNED_METADATA) {
                if (appliedMetadata.containsKey(key)) {
                    metadata.put(key, mergeValue(metadata.get(key), appliedMetadata.get(key), key));
                }
            }
        }
        applied.forEach((key, value) -> {
            if (!List.of("apiVersion", "kind", "metadata", "status").contains(key)) {
                result.put(key, mergeValue(result.get(key), value, key));
            }
        });
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object live, Object applied, String field) {
        if (live instanceof Map && applied instanceof Map && !Leaves.atomic(field, (Map<?, ?>) applied)) {
            Map<String, Object> out = Json.copy((Map<String, Object>) live);
            ((Map<String, Object>) applied).forEach((k, v) -> out.put(k, mergeValue(out.get(k), v, k)));
            return out;
        }
        if (live instanceof List && applied instanceof List) {
            List<Object> out = Json.copy((List<Object>) live);
            if (ListKeys.isSet(field)) {
                ((List<Object>) applied).stream().filter(v -> !out.contains(v)).forEach(v -> out.add(Json.copy(v)));
                return out;
            }
            List<String> keys = ListKeys.of(field, (List<?>) applied);
            if (keys != null && ListKeys.of(field, out) != null) {
                for (Object item : (List<Object>) applied) {
                    int index = indexOf(out, keys, item);
                    if (index >= 0) {
                        out.set(index, mergeValue(out.get(index), item, null));
                    } else {
                        out.add(Json.copy(item));
                    }
                }
                return out;
            }
        }
        return Json.copy(applied);
    }

    private static int indexOf(List<Object> items, List<String> keys, Object item) {
        String element = ListKeys.element(keys, item);
        for (int i = 0; i < items.size(); i++) {
            if (ListKeys.element(keys, items.get(i)).equals(element)) {
                return i;
            }
        }
        return -1;
    }

    /** Removes a field nobody owns any more, and the maps and lists its removal left empty and unowned. */
    private static void remove(Map<String, Object> object, FieldPath path, ManagedFields managed) {
        path.removeFrom(object);
        FieldPath parent = path.parent();
        while (parent.elements().size() > 1 && isEmpty(parent.valueIn(object)) && !managed.ownedWithin(parent)) {
            parent.removeFrom(object);
            parent = parent.parent();
        }
    }

    private static boolean isEmpty(Object value) {
        return value instanceof Map && ((Map<?, ?>) value).isEmpty() || value instanceof List && ((List<?>) value).isEmpty();
    }

    private static void resolveConflicts(ManagedFields managed, Map<FieldPath, Object> live,
            Map<FieldPath, Object> intent, String manager, boolean force, String qualifiedName) {
        Map<ManagedFields.Entry, List<FieldPath>> conflicts = new LinkedHashMap<>();
        intent.forEach((path, value) -> {
            if (value == Leaves.ITEM || !live.containsKey(path) || Leaves.same(live.get(path), value)) {
                return;
            }
            for (ManagedFields.Entry other : managed.entries()) {
                if (!other.is(manager, "Apply") && other.fields.contains(path)) {
                    conflicts.computeIfAbsent(other, m -> new ArrayList<>()).add(path);
                }
            }
        });
        if (conflicts.isEmpty()) {
            return;
        }
        if (force) {
            conflicts.forEach((owner, paths) -> paths.forEach(owner.fields::remove));
            return;
        }
        throw conflict(conflicts, qualifiedName);
    }

    /** The 409 the real server gives, listing each conflicting field and its owner. */
    private static ApiException conflict(Map<ManagedFields.Entry, List<FieldPath>> conflicts, String qualifiedName) {
        int count = conflicts.values().stream().mapToInt(List::size).sum();
        StringBuilder message = new StringBuilder("Apply failed with ").append(count)
                .append(count == 1 ? " conflict: " : " conflicts: ");
        List<Map<String, Object>> causes = new ArrayList<>();
        conflicts.forEach((owner, paths) -> {
            String with = "conflict with \"" + owner.manager + "\"" + (owner.subresource == null ? ""
                    : " with subresource \"" + owner.subresource + "\"") + " using " + owner.apiVersion;
            if (paths.size() == 1 && count == 1) {
                message.append(with).append(": ").append(paths.get(0));
            } else {
                message.append(with.replace("conflict with", "conflicts with")).append(":");
                paths.forEach(p -> message.append("\n- ").append(p));
            }
            paths.forEach(p -> causes.add(Map.of("reason", "FieldManagerConflict", "message", with, "field",
                    p.toString())));
        });
        return new ApiException(409, "Conflict", message.toString(),
                Map.of("name", qualifiedName, "causes", causes));
    }
}
