package io.paycli.sandbox;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** metadata.managedFields of one object: who owns which field, read from and written back as FieldsV1. */
final class ManagedFields {

    /** One entry: a manager, its operation (Apply or Update) and the fields it owns. */
    static final class Entry {
        final String manager;
        final String operation;
        String apiVersion;
        final Set<FieldPath> fields = new LinkedHashSet<>();
        /** When the entry last changed, and what it held then: a write that changes nothing keeps the time. */
        String time;
        Set<FieldPath> readFields = Set.of();
        /** An update by this manager changed a value: a real server stamps the entry's time anew. */
        boolean touched;

        Entry(String manager, String operation, String apiVersion) {
            this.manager = manager;
            this.operation = operation;
            this.apiVersion = apiVersion;
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
                    String.valueOf(item.get("apiVersion")));
            Map<String, Object> fields = Json.map(item, "fieldsV1");
            if (fields != null) {
                readFields(fields, new ArrayList<>(), entry.fields);
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

    Entry entry(String manager, String operation, String apiVersion) {
        for (Entry e : entries) {
            if (e.manager.equals(manager) && e.operation.equals(operation)) {
                e.apiVersion = apiVersion;
                return e;
            }
        }
        Entry created = new Entry(manager, operation, apiVersion);
        entries.add(created);
        return created;
    }

    /** Whether a manager other than the given one (in any operation) owns exactly this field. */
    boolean ownedByOther(FieldPath path, String manager, String operation) {
        return entries.stream().anyMatch(e -> !isSelf(e, manager, operation) && e.fields.contains(path));
    }

    /** Fields inside the given one (or it) that other managers own. */
    Set<FieldPath> ownedWithinByOthers(FieldPath path, String manager, String operation) {
        Set<FieldPath> owned = new LinkedHashSet<>();
        entries.stream().filter(e -> !isSelf(e, manager, operation))
                .forEach(e -> e.fields.stream().filter(f -> f.within(path)).forEach(owned::add));
        return owned;
    }

    /** Nobody owns the field, nor anything inside it, any more. */
    void disown(FieldPath path) {
        entries.forEach(e -> e.fields.removeIf(f -> f.within(path)));
    }

    /** The Update operation of a writer: it owns what it changed, and nobody owns what it removed. */
    void recordUpdate(Map<String, Object> before, Map<String, Object> after, String manager, String apiVersion) {
        Set<FieldPath> all = new LinkedHashSet<>(FieldPath.in(after));
        if (before != null) {
            all.addAll(FieldPath.in(before));
        }
        Entry writer = entry(manager, "Update", apiVersion);
        for (FieldPath path : all) {
            Object old = before == null ? null : path.valueIn(before);
            Object now = path.valueIn(after);
            if (before != null && Objects.equals(old, now)) {
                continue;
            }
            Set<FieldPath> changed = new LinkedHashSet<>();
            if (before == null) {
                changed.add(path);
            } else {
                changedLeaves(path, old, now, changed);
            }
            writer.touched |= !changed.isEmpty();
            for (FieldPath leaf : changed) {
                disown(leaf);
                if (leaf.presentIn(after)) {
                    writer.fields.add(leaf);
                }
            }
        }
    }

    /** The deepest map keys whose values differ; a list or a scalar that differs is a leaf. */
    private static void changedLeaves(FieldPath at, Object before, Object after, Set<FieldPath> out) {
        if (before instanceof Map && after instanceof Map) {
            Set<Object> keys = new LinkedHashSet<>(((Map<?, ?>) before).keySet());
            keys.addAll(((Map<?, ?>) after).keySet());
            for (Object key : keys) {
                Object b = ((Map<?, ?>) before).get(key);
                Object a = ((Map<?, ?>) after).get(key);
                if (!Objects.equals(b, a)) {
                    changedLeaves(at.child(String.valueOf(key)), b, a, out);
                }
            }
        } else {
            out.add(at);
        }
    }

    private static boolean isSelf(Entry e, String manager, String operation) {
        return e.manager.equals(manager) && e.operation.equals(operation);
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
            out.add(item);
        }
        Map<String, Object> metadata = Json.mapOrCreate(object, "metadata");
        if (out.isEmpty()) {
            metadata.remove("managedFields");
        } else {
            metadata.put("managedFields", out);
        }
    }

    private static Map<String, Object> fieldsV1(Set<FieldPath> fields) {
        Map<String, Object> root = new LinkedHashMap<>();
        for (FieldPath path : fields) {
            Map<String, Object> node = root;
            for (String key : path.keys()) {
                node = Json.mapOrCreate(node, "f:" + key);
            }
        }
        return root;
    }

    @SuppressWarnings("unchecked")
    private static void readFields(Map<String, Object> node, List<String> prefix, Set<FieldPath> out) {
        boolean leaf = true;
        for (Map.Entry<String, Object> child : node.entrySet()) {
            if (!child.getKey().startsWith("f:") || !(child.getValue() instanceof Map)) {
                continue;
            }
            leaf = false;
            List<String> keys = new ArrayList<>(prefix);
            keys.add(child.getKey().substring(2));
            readFields((Map<String, Object>) child.getValue(), keys, out);
        }
        if (leaf && !prefix.isEmpty()) {
            out.add(new FieldPath(new ArrayList<>(prefix)));
        }
    }
}
