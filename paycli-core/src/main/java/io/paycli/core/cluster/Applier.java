package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.paycli.core.error.ClusterException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * Server-side apply of rendered objects; the adoption of objects that {@code kubectl apply} made (see
 * {@link Adoption}); and the documented handover of spec.replicas to another field manager ("Server-Side Apply:
 * Transferring ownership") before paycli stops sending it.
 */
final class Applier {

    static final String MANAGER = "paycli";
    static final String HANDOVER_MANAGER = "paycli-handover";
    /** Another writer between the read and the adoption patch is rare; a few rounds settle it. */
    private static final int ADOPTION_ATTEMPTS = 3;

    /** Server-side metadata that must never be sent: resourceVersion would act as a precondition. */
    private static final List<String> SERVER_METADATA = List.of("resourceVersion", "managedFields", "uid",
            "creationTimestamp", "generation", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private final ClusterClient cluster;
    private final Inventory inventory;

    Applier(ClusterClient cluster, Inventory inventory) {
        this.cluster = cluster;
        this.inventory = inventory;
    }

    /** Applies an object as it is, adopting nothing: for objects paycli does not render (a namespace, a record). */
    Map<String, Object> apply(Manifest manifest, boolean dryRun, boolean force) {
        return apply(intent(manifest), MANAGER, dryRun, force, ObjectRef.of(manifest));
    }

    /** Applies an object as it is under another of paycli's field managers, forced. */
    Map<String, Object> applyAs(Manifest manifest, String manager) {
        return apply(intent(manifest), manager, false, true, ObjectRef.of(manifest));
    }

    /**
     * Applies a rendered object. When the server's answer shows fields that kubectl apply (client side) owns,
     * adopts them and applies again, so that what the render no longer has is removed; that costs two requests
     * (more when the object changes in between), once per object.
     */
    Map<String, Object> applyRendered(Manifest manifest, boolean dryRun, boolean force,
            Consumer<DeployEvent> events) {
        ObjectRef ref = ObjectRef.of(manifest);
        Map<String, Object> body = intent(manifest);
        Map<String, Object> result = apply(body, MANAGER, dryRun, force, ref);
        if (dryRun || !Adoption.needed(result)) {
            return result;
        }
        boolean withoutReplicas = !(body.get("spec") instanceof Map<?, ?> spec) || !spec.containsKey("replicas");
        OptionalInt moved = adopt(result, ref, withoutReplicas);
        if (moved.isEmpty()) {
            return result;
        }
        int n = moved.getAsInt();
        events.accept(DeployEvent.resource(Step.APPLY, ref, "adopted from kubectl apply: " + n
                + (n == 1 ? " field" : " fields") + " moved to " + MANAGER));
        return apply(body, MANAGER, false, force, ref);
    }

    /** Moves the client-side managers' fields to paycli; returns how many moved, or empty when nothing changed. */
    private OptionalInt adopt(Map<String, Object> seen, ObjectRef ref, boolean keepReplicasApart) {
        Map<String, Object> live = seen;
        Call call = Call.on("adopt from kubectl apply", ref);
        for (int attempt = 1; attempt <= ADOPTION_ATTEMPTS; attempt++) {
            Adoption.Plan plan = Adoption.plan(live, MANAGER, HANDOVER_MANAGER, keepReplicasApart);
            if (plan == null) {
                return OptionalInt.empty();
            }
            String patch = cluster.client().getKubernetesSerialization().asJson(plan.patch());
            PatchContext context = PatchContext.of(PatchType.JSON);
            context.setFieldManager(MANAGER);
            // Given the object read, the client sends the patch without reading it once more.
            GenericKubernetesResource read = cluster.toResource(live);
            boolean done = cluster.calls().idempotent(call, () -> {
                try {
                    cluster.in(ref.apiVersion(), ref.kind(), ref.namespace()).resource(read).patch(context, patch);
                    return true;
                } catch (KubernetesClientException e) {
                    if (e.getCode() == 409) {
                        return false;
                    }
                    throw e;
                }
            });
            if (done) {
                return OptionalInt.of(plan.moved());
            }
            // Written by someone else since it was read: read it again and move what is there now.
            Optional<Map<String, Object>> again = inventory.get(ref);
            if (again.isEmpty()) {
                return OptionalInt.empty();
            }
            live = again.get();
        }
        throw new ClusterException(call.describe() + " in context " + cluster.context() + ": the object kept changing"
                + " (" + ADOPTION_ATTEMPTS + " attempts); deploy again");
    }

    /**
     * Hands spec.replicas to {@link #HANDOVER_MANAGER} when paycli owns it, by applying the live count alone
     * without force. A conflict means another manager (the HPA controller) changed the count since it was read:
     * the field is already handed over, and taking it back would undo the autoscaler. Returns the count handed
     * over (in a dry run: the count a handover would keep, and nothing is written), or empty when there is none.
     */
    OptionalInt handOverReplicas(Manifest workload, boolean dryRun) {
        ObjectRef ref = ObjectRef.of(workload);
        Optional<Map<String, Object>> live = inventory.get(ref);
        if (live.isEmpty() || !ownsReplicas(live.get(), MANAGER)
                || !(Fields.at(live.get(), "spec", "replicas") instanceof Number replicas)) {
            return OptionalInt.empty();
        }
        if (dryRun) {
            return OptionalInt.of(replicas.intValue());
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
        GenericKubernetesResource resource = cluster.toResource(only);
        boolean handedOver = cluster.calls().idempotent(Call.on("hand over spec.replicas", ref), () -> {
            try {
                cluster.in(ref.apiVersion(), ref.kind(), ref.namespace()).resource(resource)
                        .fieldManager(HANDOVER_MANAGER).serverSideApply();
                return true;
            } catch (KubernetesClientException e) {
                if (ClusterErrors.isFieldConflict(e)) {
                    return false;
                }
                throw e;
            }
        });
        return handedOver ? OptionalInt.of(replicas.intValue()) : OptionalInt.empty();
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

    void create(Manifest manifest) {
        ObjectRef ref = ObjectRef.of(manifest);
        GenericKubernetesResource resource = cluster.toResource(intent(manifest));
        try {
            cluster.calls().once(Call.on("create", ref),
                    () -> cluster.in(ref.apiVersion(), ref.kind(), ref.namespace()).resource(resource).create());
        } catch (PaycliException e) {
            if (!(e.getCause() instanceof KubernetesClientException k && k.getCode() == 409)) {
                throw e;
            }
        }
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
