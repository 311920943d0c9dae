package io.paycli.core.archive;

import io.paycli.core.render.Renderer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes out of a live object what its server filled in, so that the object applies to a new cluster as desired
 * state: identity and bookkeeping (uid, resourceVersion, generation, creationTimestamp, managedFields, selfLink,
 * deletion marks, ownerReferences), status, kubectl's last-applied-configuration and controllers' annotations,
 * a Service's allocated cluster IPs (kept when headless), a Namespace's server-set finalizers and name label, a
 * CustomResourceDefinition's cleanup finalizer, and a ServiceAccount's generated token references.
 */
final class ServerFields {
    static final Set<String> METADATA = Set.of("uid", "resourceVersion", "generation", "creationTimestamp",
            "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds", "ownerReferences");
    static final Set<String> ANNOTATIONS = Set.of("kubectl.kubernetes.io/last-applied-configuration",
            "deployment.kubernetes.io/revision", "deprecated.daemonset.template.generation");
    private static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";
    private static final String CRD_FINALIZER = "customresourcecleanup.apiextensions.k8s.io";

    private ServerFields() {
    }

    /** A copy of the object without server-managed fields, with keys sorted. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> strip(Map<String, Object> live) {
        Map<String, Object> object = deepCopy(live);
        object.remove("status");
        String kind = String.valueOf(object.get("kind"));
        if (object.get("metadata") instanceof Map<?, ?> m) {
            Map<String, Object> metadata = (Map<String, Object>) m;
            METADATA.forEach(metadata::remove);
            removeKeys(metadata, "annotations", ANNOTATIONS);
            if (kind.equals("Namespace")) {
                removeKeys(metadata, "labels", Set.of(NAMESPACE_NAME_LABEL));
            }
            if (kind.equals("CustomResourceDefinition") && metadata.get("finalizers") instanceof List<?> f) {
                List<Object> kept = new java.util.ArrayList<>(f);
                kept.remove(CRD_FINALIZER);
                putOrRemove(metadata, "finalizers", kept.isEmpty() ? null : kept);
            }
        }
        Map<String, Object> spec = object.get("spec") instanceof Map<?, ?> s ? (Map<String, Object>) s : null;
        if (kind.equals("Namespace") && spec != null) {
            spec.remove("finalizers");
            if (spec.isEmpty()) {
                object.remove("spec");
            }
        }
        if (kind.equals("Service") && spec != null && !"None".equals(spec.get("clusterIP"))) {
            spec.remove("clusterIP");
            spec.remove("clusterIPs");
        }
        if (kind.equals("ServiceAccount")) {
            object.remove("secrets");
        }
        return (Map<String, Object>) Renderer.canonical(object);
    }

    @SuppressWarnings("unchecked")
    private static void removeKeys(Map<String, Object> metadata, String field, Set<String> keys) {
        if (metadata.get(field) instanceof Map<?, ?> values) {
            Map<String, Object> kept = new LinkedHashMap<>((Map<String, Object>) values);
            keys.forEach(kept::remove);
            putOrRemove(metadata, field, kept.isEmpty() ? null : kept);
        }
    }

    private static void putOrRemove(Map<String, Object> map, String key, Object value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<String, Object> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(k, copyValue(v)));
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> m) {
            return deepCopy((Map<String, Object>) m);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new java.util.ArrayList<>();
            l.forEach(v -> copy.add(copyValue(v)));
            return copy;
        }
        return value;
    }
}
