package io.paycli.sandbox;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The validation and defaulting of a real API server that paycli must live with (see REAL-CLUSTER.md). */
final class Strictness {

    private static final Set<String> SELECTOR_IMMUTABLE = Set.of("Deployment", "StatefulSet", "DaemonSet",
            "ReplicaSet");
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet");

    private final AtomicInteger nextClusterIp = new AtomicInteger(10);

    /** Rejects a change to a field the real server keeps immutable, with the 422 it gives. */
    void checkUpdate(ResourceType type, Map<String, Object> current, Map<String, Object> updated) {
        String kind = type.kind();
        String name = Json.string(current, "metadata", "name");
        if (SELECTOR_IMMUTABLE.contains(kind)
                && !Objects.equals(Json.map(current, "spec", "selector"), Json.map(updated, "spec", "selector"))) {
            throw ApiException.invalid(kind, type.group(), name, "spec.selector",
                    "Invalid value: " + Json.write(Json.map(updated, "spec", "selector")) + ": field is immutable");
        }
        if (kind.equals("Service")) {
            String before = Json.string(current, "spec", "clusterIP");
            String after = Json.string(updated, "spec", "clusterIP");
            if (before != null && !before.isEmpty() && after != null && !after.equals(before)) {
                throw ApiException.invalid(kind, type.group(), name, "spec.clusterIP",
                        "Invalid value: \"" + after + "\": field is immutable");
            }
        }
        if (kind.equals("Job") && !Objects.equals(Json.map(current, "spec", "template"),
                Json.map(updated, "spec", "template"))) {
            throw ApiException.invalid(kind, type.group(), name, "spec.template",
                    "Invalid value: " + Json.write(Json.map(updated, "spec", "template")) + ": field is immutable");
        }
        if ((kind.equals("ConfigMap") || kind.equals("Secret")) && Boolean.TRUE.equals(current.get("immutable"))
                && (!Objects.equals(current.get("data"), updated.get("data"))
                        || !Objects.equals(current.get("binaryData"), updated.get("binaryData")))) {
            throw ApiException.invalid(kind, type.group(), name, "data",
                    "Forbidden: field is immutable when `immutable` is set");
        }
    }

    /** A real server keeps ConfigMaps and Secrets to 1 MiB of data (binaryData and Secret data as decoded bytes). */
    static final int MAX_DATA_BYTES = 1024 * 1024;

    void checkSize(ResourceType type, Map<String, Object> object) {
        String kind = type.kind();
        if (!type.group().isEmpty() || !(kind.equals("ConfigMap") || kind.equals("Secret"))) {
            return;
        }
        long bytes = 0;
        for (String section : new String[] {"data", "binaryData", "stringData"}) {
            Map<String, Object> entries = Json.map(object, section);
            if (entries == null) {
                continue;
            }
            boolean encoded = section.equals("binaryData") || (kind.equals("Secret") && section.equals("data"));
            for (Map.Entry<String, Object> e : entries.entrySet()) {
                String value = String.valueOf(e.getValue());
                bytes += e.getKey().length() + (encoded ? value.length() / 4L * 3 : value.length());
            }
        }
        if (bytes > MAX_DATA_BYTES) {
            throw ApiException.invalid(kind, type.group(), Json.string(object, "metadata", "name"), "data",
                    "Too long: must have at most " + MAX_DATA_BYTES + " bytes");
        }
    }

    /** Values the server fills in; an update keeps what the client cannot know, such as the allocated clusterIP. */
    void applyDefaults(ResourceType type, Map<String, Object> current, Map<String, Object> object) {
        String kind = type.kind();
        if (SCALABLE.contains(kind) && type.group().equals("apps")) {
            Map<String, Object> spec = Json.mapOrCreate(object, "spec");
            spec.putIfAbsent("replicas", 1);
        }
        if (kind.equals("Service")) {
            Map<String, Object> spec = Json.mapOrCreate(object, "spec");
            spec.putIfAbsent("type", "ClusterIP");
            String kept = current == null ? null : Json.string(current, "spec", "clusterIP");
            if (spec.get("clusterIP") == null || "".equals(spec.get("clusterIP"))) {
                if (kept != null) {
                    spec.put("clusterIP", kept);
                } else if (!"ExternalName".equals(spec.get("type"))) {
                    spec.put("clusterIP", "10.96.0." + nextClusterIp.getAndIncrement() % 250);
                }
            }
            if (spec.get("clusterIP") != null) {
                spec.put("clusterIPs", java.util.List.of(spec.get("clusterIP")));
            }
        }
        if (kind.equals("Job") && type.group().equals("batch") && current == null) {
            JobDefaults.check(object);
            JobDefaults.apply(object);
        }
        if (kind.equals("Namespace")) {
            Json.mapOrCreate(object, "status").putIfAbsent("phase", "Active");
            // The server sets this label on every namespace and puts it back when a write changes it.
            Json.mapOrCreate(object, "metadata", "labels").put("kubernetes.io/metadata.name",
                    Json.string(object, "metadata", "name"));
        }
    }

    static boolean scalable(ResourceType type) {
        return SCALABLE.contains(type.kind()) && type.group().equals("apps");
    }
}
