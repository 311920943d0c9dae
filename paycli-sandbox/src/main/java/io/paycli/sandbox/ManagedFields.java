package io.paycli.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** metadata.managedFields of one object: who owns which field, read from and written back as FieldsV1. */
final class ManagedFields {

    /** The manager the server records an object's fields under when the first apply finds none recorded. */
    static final String BEFORE_FIRST_APPLY = "before-first-apply";

    /** One entry: a manager, its operation (Apply or Update) and the fields it owns. */
    static final class Entry {
        final String manager;
        final String operation;
        /** scale or status for an update through that subresource (a real server records it since 1.22), else null. */
        final String subresource;
        String apiVersion;
        final Set<FieldPath> fields = new LinkedHashSet<>();
        /** When the entry last changed, and what it held then: a write that changes nothing keeps the time. */
        String time;
        Set<FieldPath> readFields = Set.of();
        /** An update by this manager changed a value: a real server stamps the entry's time anew. */
        boolean touched;

        Entry(String manager, String operation, String apiVersion) {
            this(manager, operation, apiVersion, null);
        }

        Entry(String manager, String operation, String apiVersion, String subresource) {
            this.manager = manager;
            this.operation = operation;
            this.apiVersion = apiVersion;
            this.subresource = subresource;
        }

        /** The entry of this manager and operation on the object itself, not through a subresource. */
        boolean is(String manager, String operation) {
            return is(manager, operation, null);
        }

        boolean is(String manager, String operation, String subresource) {
            return this.manager.equals(manager) && this.operation.equals(operation)
                    && java.util.Objects.equals(this.subresource, subresource);
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    @SuppressWarnings("unchecked")
    static ManagedFields of(Map<String, Object> object) {
        ManagedFields managed = new ManagedFields();
        if (object == null) {
            return managed;
        }
        for (Object raw : Json.list(object, "metadata", "managedFields")) {
            Map<String, Object> item = (Map<String, Object>) raw;
            Entry entry = new Entry(String.valueOf(item.get("manager")), String.valueOf(item.get("operation")),
                    String.valueOf(item.get("apiVersion")), item.get("subresource") == null ? null
                            : String.valueOf(item.get("subresource")));
            Map<String, Object> fields = Json.map(item, "fieldsV1");
            if (fields != null) {
                readFields(fields, FieldPath.ROOT, entry.fields);
            }
            entry.time = item.get("time") == null ? null : String.valueOf(item.get("time"));
            entry.readFields = Set.copyOf(entry.fields);
            managed.entries.add(entry);
        }
        return managed;
    }

    List<Entry> entries() {
        return entries;
    }

    boolean isEmpty() {
        return entries.stream().allMatch(e -> e.fields.isEmpty());
    }

    Entry entry(String manager, String operation, String apiVersion) {
        return entry(manager, operation, apiVersion, null);
    }

    Entry entry(String manager, String operation, String apiVersion, String subresource) {
        for (Entry e : entries) {
            if (e.is(manager, operation, subresource)) {
                e.apiVersion = apiVersion;
                return e;
            }
        }
        Entry created = new Entry(manager, operation, apiVersion, subresource);
        entries.add(created);
        return created;
    }

    /** Whether any entry owns the field or something inside it. */
    boolean ownedWithin(FieldPath path) {
        return entries.stream().anyMatch(e -> e.fields.stream().anyMatch(f -> f.within(path)));
    }

    /** Nobody owns the field, nor anything inside it, any more. */
    void disown(FieldPath path) {
        entries.forEach(e -> e.fields.removeIf(f -> f.within(path)));
    }

    /**
     * The Update operation of a writer: it owns every leaf it added or changed, taking it from the others, and
     * nobody owns what it removed. A create owns every leaf of the new object.
     */
    void recordUpdate(Map<String, Object> before, Map<String, Object> after, String manager, String apiVersion) {
        recordUpdate(before, after, manager, apiVersion, null);
    }

    /** An update through a subresource: its manager's entry says which one, apart from its other updates. */
    void recordUpdate(Map<String, Object> before, Map<String, Object> after, String manager, String apiVersion,
            String subresource) {
        Map<FieldPath, Object> old = Leaves.of(before);
        Map<FieldPath, Object> now = Leaves.of(after);
        Entry writer = entry(manager, "Update", apiVersion, subresource);
        now.forEach((path, value) -> {
            if (!old.containsKey(path) || !Leaves.same(old.get(path), value)) {
                disown(path);
                writer.fields.add(path);
                writer.touched = true;
            }
        });
        old.keySet().stream().filter(path -> !now.containsKey(path)).forEach(this::disown);
    }

    /** Writes the entries into the object, dropping managers that own nothing any more. */
    void writeTo(Map<String, Object> object) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Map<String, Object>> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.fields.isEmpty()) {
                continue;
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("manager", e.manager);
            item.put("operation", e.operation);
            item.put("apiVersion", e.apiVersion);
            // As on a real server, an apply that changes nothing does not touch the entry, so the object is not written.
            item.put("time", e.time != null && !e.touched && e.readFields.equals(e.fields) ? e.time : now);
            item.put("fieldsType", "FieldsV1");
            item.put("fieldsV1", fieldsV1(e.fields));
            if (e.subresource != null) {
                item.put("subresource", e.subresource);
            }
            out.add(item);
        }
        Map<String, Object> metadata = Json.mapOrCreate(object, "metadata");
        if (out.isEmpty()) {
            metadata.remove("managedFields");
        } else {
            metadata.put("managedFields", out);
        }
    }

    /** The trie of FieldsV1: a path that is a member and has members below it says so with ".". */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> fieldsV1(Set<FieldPath> fields) {
        Map<String, Object> root = new TreeMap<>();
        for (FieldPath path : fields) {
            Map<String, Object> node = root;
            for (String element : path.elements()) {
                node = (Map<String, Object>) node.computeIfAbsent(element, k -> new TreeMap<>());
            }
            node.put(".", new TreeMap<>());
        }
        collapse(root);
        return root;
    }

    /** A member without members below is written as {} rather than {".": {}}. */
    @SuppressWarnings("unchecked")
    private static void collapse(Map<String, Object> node) {
        for (Object child : node.values()) {
            Map<String, Object> map = (Map<String, Object>) child;
            if (map.size() == 1 && map.containsKey(".")) {
                map.clear();
            } else {
                collapse(map);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void readFields(Map<String, Object> node, FieldPath at, Set<FieldPath> out) {
        if (node.isEmpty() || node.containsKey(".")) {
            if (!at.isRoot()) {
                out.add(at);
            }
        }
        for (Map.Entry<String, Object> child : node.entrySet()) {
            String key = child.getKey();
            if (key.equals(".") || !(child.getValue() instanceof Map) || key.length() < 2 || key.charAt(1) != ':') {
                continue;
            }
            readFields((Map<String, Object>) child.getValue(), at.child(key), out);
        }
    }
}
