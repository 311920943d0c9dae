package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side apply of rendered objects, and the documented handover of spec.replicas to another field manager
 * ("Server-Side Apply: Transferring ownership") before paycli stops sending it.
 */
final class Applier {

    static final String MANAGER = "paycli";
    static final String HANDOVER_MANAGER = "paycli-handover";

    /** Server-side metadata that must never be sent: resourceVersion would act as a precondition. */
    private static final List<String> SERVER_METADATA = List.of("resourceVersion", "managedFields", "uid",
            "creationTimestamp", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private final ClusterClient cluster;
    private final Inventory inventory;

    Applier(ClusterClient cluster, Inventory inventory) {
        this.cluster = cluster;
        this.inventory = inventory;
    }

    Map<String, Object> apply(Manifest manifest, boolean dryRun, boolean force) {
        return apply(intent(manifest), MANAGER, dryRun, force, ObjectRef.of(manifest));
    }

    void handOverReplicas(Manifest workload) {
        ObjectRef ref = ObjectRef.of(workload);
        Optional<Map<String, Object>> live = inventory.get(ref);
        if (live.isEmpty() || !ownsReplicas(live.get(), MANAGER)) {
            return;
        }
        Object replicas = Fields.at(live.get(), "spec", "replicas");
        if (replicas == null) {
            return;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", ref.name());
        if (ref.namespace() != null) {
            metadata.put("namespace", ref.namespace());
        }
        Map<String, Object> only = new LinkedHashMap<>();
        only.put("apiVersion", ref.apiVersion());
        only.put("kind", ref.kind());
        only.put("metadata", metadata);
        only.put("spec", Map.of("replicas", replicas));
        apply(only, HANDOVER_MANAGER, false, true, ref);
    }

    private Map<String, Object> apply(Map<String, Object> body, String manager, boolean dryRun, boolean force,
            ObjectRef ref) {
        Call call = Call.on(dryRun ? "apply (dry run)" : "apply", ref);
        GenericKubernetesResource resource = cluster.toResource(body);
        return cluster.calls().idempotent(call, () -> {
            ServerSideApplicable<GenericKubernetesResource> op = cluster.in(ref.apiVersion(), ref.kind(),
                    ref.namespace()).resource(resource).dryRun(dryRun).fieldManager(manager);
            if (force) {
                op = op.forceConflicts();
            }
            return cluster.toMap(op.serverSideApply());
        });
    }

    /** The applied object: the render as it is, named as the manifest says, without server-owned metadata. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> intent(Manifest manifest) {
        Map<String, Object> body = deepCopy(manifest.body());
        body.put("apiVersion", manifest.apiVersion());
        body.put("kind", manifest.kind());
        Object meta = body.get("metadata");
        Map<String, Object> metadata = meta instanceof Map ? (Map<String, Object>) meta : new LinkedHashMap<>();
        body.put("metadata", metadata);
        metadata.put("name", manifest.name());
        if (manifest.namespace() != null) {
            metadata.put("namespace", manifest.namespace());
        }
        SERVER_METADATA.forEach(metadata::remove);
        body.remove("status");
        return body;
    }

    /** Whether the manager owns spec.replicas through an apply, as managedFields (FieldsV1) records it. */
    static boolean ownsReplicas(Map<String, Object> live, String manager) {
        for (Map<String, Object> entry : Fields.maps(live, "metadata", "managedFields")) {
            if (manager.equals(entry.get("manager")) && "Apply".equals(entry.get("operation"))
                    && Fields.at(entry, "fieldsV1", "f:spec", "f:replicas") != null) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings("unchecked")
    private static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(Applier::deepCopy).toList();
        }
        return value;
    }
}
