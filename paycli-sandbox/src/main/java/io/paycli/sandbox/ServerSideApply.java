package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Server-side apply: the applied object is the manager's whole intent. Fields it sets that another manager owns
 * with a different value conflict (409) unless forced; fields it set before and now omits are removed when
 * nobody else owns them, so defaults come back (a Deployment's replicas returns to 1).
 */
final class ServerSideApply {

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
        Set<FieldPath> appliedPaths = FieldPath.in(applied);
        Map<String, Object> base = live == null ? new LinkedHashMap<>() : Json.copy(live);

        resolveConflicts(managed, base, applied, appliedPaths, manager, force, apiVersion, qualifiedName);

        ManagedFields.Entry mine = managed.entry(manager, "Apply", apiVersion);
        Set<FieldPath> dropped = new LinkedHashSet<>(mine.fields);
        dropped.removeAll(appliedPaths);
        mine.fields.clear();
        for (FieldPath path : dropped) {
            if (managed.ownedWithinByOthers(path, manager, "Apply").isEmpty()) {
                path.removeFrom(base);
            }
        }

        Map<String, Object> result = base;
        result.put("apiVersion", applied.get("apiVersion"));
        result.put("kind", applied.get("kind"));
        Map<String, Object> metadata = Json.mapOrCreate(result, "metadata");
        Map<String, Object> appliedMetadata = Json.map(applied, "metadata");
        if (appliedMetadata != null) {
            for (String key : List.of("name", "namespace", "generateName", "resourceVersion", "finalizers",
                    "ownerReferences")) {
                if (appliedMetadata.containsKey(key)) {
                    metadata.put(key, Json.copy(appliedMetadata.get(key)));
                }
            }
        }
        for (FieldPath path : appliedPaths) {
            Object value = Json.copy(path.valueIn(applied));
            Object current = path.valueIn(result);
            if (managed.ownedByOther(path, manager, "Apply") && value instanceof Map && current instanceof Map) {
                @SuppressWarnings("unchecked")
                Map<String, Object> merged = Merge.strategic((Map<String, Object>) current, (Map<String, Object>) value);
                path.setIn(result, merged);
            } else {
                Map<String, Object> before = Json.copy(result);
                path.setIn(result, value);
                // What other managers own inside the field survives this manager's replacement of it.
                for (FieldPath inner : managed.ownedWithinByOthers(path, manager, "Apply")) {
                    if (inner.presentIn(before) && !inner.presentIn(result)) {
                        inner.setIn(result, Json.copy(inner.valueIn(before)));
                    }
                }
            }
            mine.fields.add(path);
        }
        if (live != null && !content(live).equals(content(result))) {
            // A manager that changed a value stamps its entry with the time, as the real server does.
            mine.time = null;
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

    private static void resolveConflicts(ManagedFields managed, Map<String, Object> live, Map<String, Object> applied,
            Set<FieldPath> appliedPaths, String manager, boolean force, String apiVersion, String qualifiedName) {
        Map<String, List<FieldPath>> conflicts = new LinkedHashMap<>();
        for (FieldPath path : appliedPaths) {
            for (ManagedFields.Entry other : managed.entries()) {
                if (other.manager.equals(manager)) {
                    continue;
                }
                for (FieldPath owned : other.fields) {
                    if (owned.within(path) && owned.presentIn(applied)
                            && Merge.changesExisting(owned.valueIn(live), owned.valueIn(applied))) {
                        conflicts.computeIfAbsent(other.manager, m -> new ArrayList<>()).add(owned);
                    }
                }
            }
        }
        if (conflicts.isEmpty()) {
            return;
        }
        if (force) {
            conflicts.values().forEach(paths -> paths.forEach(managed::disown));
            return;
        }
        throw conflict(conflicts, apiVersion, qualifiedName);
    }

    /** The 409 the real server gives, listing each conflicting field and its owner. */
    private static ApiException conflict(Map<String, List<FieldPath>> conflicts, String apiVersion,
            String qualifiedName) {
        int count = conflicts.values().stream().mapToInt(List::size).sum();
        StringBuilder message = new StringBuilder("Apply failed with ").append(count)
                .append(count == 1 ? " conflict: " : " conflicts: ");
        List<Map<String, Object>> causes = new ArrayList<>();
        conflicts.forEach((owner, paths) -> {
            String with = "conflict with \"" + owner + "\" using " + apiVersion;
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
