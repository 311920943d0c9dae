package io.paycli.core.cluster;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes over the fields of an object that {@code kubectl apply} (client side) made or changed, as client-go's
 * csaupgrade does. Those fields belong to the Update managers {@code kubectl-client-side-apply} (or
 * {@code before-first-apply} for an object applied before fields were recorded), and a server-side apply never
 * removes fields another manager owns (kubernetes/kubernetes#99003): an env var deleted from the render would stay
 * for ever. Moving them into paycli's Apply entry makes the next apply remove what paycli no longer renders.
 *
 * <p>The change is one JSON patch: replace {@code metadata.managedFields}, remove the
 * {@code last-applied-configuration} annotation, and replace {@code metadata.resourceVersion} with the version
 * read, so that the server refuses it with 409 if the object changed meanwhile (a {@code test} operation would
 * give 422 instead, which is why csaupgrade replaces).
 */
final class Adoption {

    static final Set<String> CLIENT_SIDE_MANAGERS = Set.of("kubectl-client-side-apply", "before-first-apply");
    static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

    /** The patch and how many fields it moves. */
    record Plan(List<Map<String, Object>> patch, int moved) {
    }

    private Adoption() {
    }

    /**
     * The patch that moves the client-side managers' fields to {@code manager}, or null when none own anything.
     * When the applied object leaves spec.replicas out (an autoscaler scales the workload), that field goes to
     * {@code replicasManager} instead, so that the next apply does not reset the count.
     */
    static Plan plan(Map<String, Object> live, String manager, String replicasManager, boolean keepReplicasApart) {
        List<Map<String, Object>> entries = Fields.maps(live, "metadata", "managedFields");
        Map<String, Object> moved = new LinkedHashMap<>();
        String apiVersion = String.valueOf(live.get("apiVersion"));
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> entry : entries) {
            if (isClientSide(entry)) {
                union(moved, Fields.map(entry, "fieldsV1"));
            } else {
                kept.add(copy(entry));
            }
        }
        removeLeaf(moved, "f:metadata", "f:annotations", "f:" + LAST_APPLIED);
        int count = leaves(moved);
        if (count == 0 && !hasLastApplied(live)) {
            return null;
        }
        if (keepReplicasApart && removeLeaf(moved, "f:spec", "f:replicas")) {
            Map<String, Object> replicas = Map.of("f:spec", Map.of("f:replicas", Map.of()));
            union(applyEntry(kept, replicasManager, apiVersion), replicas);
        }
        union(applyEntry(kept, manager, apiVersion), moved);
        List<Map<String, Object>> patch = new ArrayList<>();
        patch.add(Map.of("op", "replace", "path", "/metadata/managedFields", "value", kept));
        if (hasLastApplied(live)) {
            patch.add(Map.of("op", "remove", "path", "/metadata/annotations/" + LAST_APPLIED.replace("/", "~1")));
        }
        patch.add(Map.of("op", "replace", "path", "/metadata/resourceVersion", "value",
                Fields.string(live, "metadata", "resourceVersion")));
        return new Plan(patch, count);
    }

    /** Whether the object has anything to adopt: client-side managers or the annotation of kubectl apply. */
    static boolean needed(Map<String, Object> live) {
        return hasLastApplied(live)
                || Fields.maps(live, "metadata", "managedFields").stream().anyMatch(Adoption::isClientSide);
    }

    private static boolean isClientSide(Map<String, Object> entry) {
        Object subresource = entry.get("subresource");
        return CLIENT_SIDE_MANAGERS.contains(String.valueOf(entry.get("manager")))
                && "Update".equals(entry.get("operation")) && (subresource == null || "".equals(subresource));
    }

    private static boolean hasLastApplied(Map<String, Object> live) {
        return Fields.map(live, "metadata", "annotations").containsKey(LAST_APPLIED);
    }

    /** The fieldsV1 of the manager's Apply entry, added to the entries when it has none. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> applyEntry(List<Map<String, Object>> entries, String manager,
            String apiVersion) {
        for (Map<String, Object> entry : entries) {
            if (manager.equals(entry.get("manager")) && "Apply".equals(entry.get("operation"))
                    && entry.get("subresource") == null) {
                return (Map<String, Object>) entry.computeIfAbsent("fieldsV1", k -> new LinkedHashMap<>());
            }
        }
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("manager", manager);
        entry.put("operation", "Apply");
        entry.put("apiVersion", apiVersion);
        entry.put("time", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        entry.put("fieldsType", "FieldsV1");
        Map<String, Object> fields = new LinkedHashMap<>();
        entry.put("fieldsV1", fields);
        entries.add(entry);
        return fields;
    }

    /** Adds the set of fields {@code from} into {@code into} (FieldsV1 tries merge key by key). */
    @SuppressWarnings("unchecked")
    private static void union(Map<String, Object> into, Map<String, Object> from) {
        from.forEach((key, value) -> {
            Map<String, Object> child = (Map<String, Object>) into.computeIfAbsent(key, k -> new LinkedHashMap<>());
            if (value instanceof Map<?, ?> map) {
                union(child, (Map<String, Object>) map);
            }
        });
    }

    /** Removes one field from the set, and the steps above it that it leaves empty; says whether it was there. */
    @SuppressWarnings("unchecked")
    private static boolean removeLeaf(Map<String, Object> fields, String... path) {
        if (path.length == 1) {
            return fields.remove(path[0]) != null;
        }
        if (!(fields.get(path[0]) instanceof Map<?, ?> child)) {
            return false;
        }
        String[] rest = java.util.Arrays.copyOfRange(path, 1, path.length);
        boolean removed = removeLeaf((Map<String, Object>) child, rest);
        if (removed && child.isEmpty()) {
            fields.remove(path[0]);
        }
        return removed;
    }

    /** The number of fields in a set: the steps that are members (empty, or marked with "."). */
    @SuppressWarnings("unchecked")
    private static int leaves(Map<String, Object> fields) {
        int count = 0;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            if (e.getKey().equals(".")) {
                count++;
            } else if (e.getValue() instanceof Map<?, ?> child) {
                count += child.isEmpty() ? 1 : leaves((Map<String, Object>) child);
            }
        }
        return count;
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            return (T) new ArrayList<>(list.stream().map(Adoption::copy).toList());
        }
        return value;
    }
}
