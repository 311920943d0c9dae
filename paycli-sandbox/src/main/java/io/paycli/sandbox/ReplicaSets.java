package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The ReplicaSets of the Deployment controller: one per pod template, named {@code <deployment>-<hash>}, labelled
 * and selected with pod-template-hash, controlled by the Deployment (ownerReference with its uid), numbered with
 * the deployment.kubernetes.io/revision annotation, which the Deployment carries too. A template that comes back
 * reuses its ReplicaSet under a new revision, the old number going to revision-history, as kubectl rollout undo
 * expects.
 */
final class ReplicaSets {

    static final ResourceType REPLICA_SETS = ResourceCatalog.builtIn("apps", "v1", "replicasets").orElseThrow();
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String HISTORY = "deployment.kubernetes.io/revision-history";
    static final String HASH = "pod-template-hash";
    /** Deployment annotations the controller does not copy to its ReplicaSets. */
    private static final Set<String> NOT_COPIED = Set.of("kubectl.kubernetes.io/last-applied-configuration",
            REVISION, HISTORY, "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas",
            "deprecated.deployment.rollback.to");

    private final ObjectStore store;
    private final Writes writes;

    ReplicaSets(ObjectStore store, Writes writes) {
        this.store = store;
        this.writes = writes;
    }

    /** The ReplicaSets the Deployment controls, oldest revision first. */
    List<Map<String, Object>> owned(Map<String, Object> deployment) {
        String uid = Json.string(deployment, "metadata", "uid");
        List<Map<String, Object>> owned = new ArrayList<>();
        for (Map<String, Object> rs : store.list(REPLICA_SETS.collectionPath(Json.string(deployment, "metadata",
                "namespace")), Json.map(deployment, "spec", "selector", "matchLabels"))) {
            if (uid != null && uid.equals(controllerUid(rs))) {
                owned.add(rs);
            }
        }
        owned.sort(Comparator.comparingLong(ReplicaSets::revision));
        return owned;
    }

    /**
     * The ReplicaSet of the Deployment's current template, created when missing; its revision is made the newest,
     * and the Deployment's revision annotation follows (written as kube-controller-manager).
     */
    Current current(Map<String, Object> deployment, String hash, Map<String, Object> template) {
        String namespace = Json.string(deployment, "metadata", "namespace");
        String name = Json.string(deployment, "metadata", "name") + "-" + hash;
        List<Map<String, Object>> owned = owned(deployment);
        long newest = owned.isEmpty() ? 0 : revision(owned.get(owned.size() - 1));
        Map<String, Object> rs = owned.stream().filter(r -> name.equals(Json.string(r, "metadata", "name")))
                .findFirst().orElse(null);
        boolean created = rs == null;
        if (created) {
            ObjectStore.Reply reply = store.create(REPLICA_SETS.collectionPath(namespace),
                    replicaSet(deployment, name, hash, template, newest + 1));
            rs = reply.ok() ? reply.object() : store.get(REPLICA_SETS.objectPath(namespace, name));
            if (rs == null) {
                return new Current(null, false);
            }
        } else if (revision(rs) < newest) {
            Map<String, Object> annotations = copiedAnnotations(deployment);
            String history = Json.string(rs, "metadata", "annotations", HISTORY);
            annotations.put(HISTORY, (history == null ? "" : history + ",") + revision(rs));
            annotations.put(REVISION, String.valueOf(newest + 1));
            Json.mapOrCreate(rs, "metadata").put("annotations", annotations);
            rs = store.replace(REPLICA_SETS.objectPath(namespace, name), rs).object();
        }
        String revision = String.valueOf(revision(rs));
        if (!revision.equals(Json.string(deployment, "metadata", "annotations", REVISION))) {
            Map<String, Object> annotated = Json.copy(deployment);
            Json.mapOrCreate(annotated, "metadata", "annotations").put(REVISION, revision);
            writes.update(RolloutSimulator.DEPLOYMENTS, namespace, Json.string(deployment, "metadata", "name"),
                    annotated, WorkloadSimulator.CONTROLLER, Writes.Ownership.RECORD_UPDATE, false);
        }
        return new Current(rs, created);
    }

    /** The current template's ReplicaSet, and whether this look created it. */
    record Current(Map<String, Object> replicaSet, boolean created) {
        String name() {
            return Json.string(replicaSet, "metadata", "name");
        }

        String uid() {
            return Json.string(replicaSet, "metadata", "uid");
        }
    }

    /**
     * Each ReplicaSet's replicas and status: the current one wants spec.replicas, an old one as many as it still
     * has pods (none once the rollout has removed them).
     */
    void syncAll(Map<String, Object> deployment, String currentName, int wanted, List<Map<String, Object>> pods) {
        for (Map<String, Object> rs : owned(deployment)) {
            String rsName = Json.string(rs, "metadata", "name");
            String rsHash = Json.string(rs, "metadata", "labels", HASH);
            List<Map<String, Object>> its = pods.stream()
                    .filter(p -> rsHash != null && rsHash.equals(Json.string(p, "metadata", "labels", HASH)))
                    .toList();
            sync(rs, rsName.equals(currentName) ? wanted : its.size(), its);
        }
    }

    /** Sets spec.replicas (a spec change: the generation counts up) and the status from the ReplicaSet's pods. */
    private void sync(Map<String, Object> rs, long replicas, List<Map<String, Object>> pods) {
        String path = REPLICA_SETS.objectPath(Json.string(rs, "metadata", "namespace"), Json.string(rs, "metadata",
                "name"));
        if (Json.number(rs, 1, "spec", "replicas") != replicas) {
            Json.mapOrCreate(rs, "spec").put("replicas", replicas);
            Json.mapOrCreate(rs, "metadata").put("generation", Json.number(rs, 1, "metadata", "generation") + 1);
            rs = store.replace(path, rs).object();
        }
        long ready = pods.stream().filter(DeploymentStatus::ready).count();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("replicas", pods.size());
        status.put("fullyLabeledReplicas", pods.size());
        status.put("readyReplicas", ready);
        status.put("availableReplicas", ready);
        status.put("observedGeneration", Json.number(rs, 1, "metadata", "generation"));
        if (!Objects.equals(Json.write(status), Json.write(Json.map(rs, "status")))) {
            rs.put("status", status);
            store.replaceStatus(path, rs);
        }
    }

    /** Deletes the oldest empty ReplicaSets beyond spec.revisionHistoryLimit (10 by default). */
    void cleanUp(Map<String, Object> deployment, String currentName) {
        long limit = Json.number(deployment, 10, "spec", "revisionHistoryLimit");
        List<Map<String, Object>> old = owned(deployment).stream()
                .filter(rs -> !currentName.equals(Json.string(rs, "metadata", "name"))).toList();
        for (int i = 0; i < old.size() - limit; i++) {
            Map<String, Object> rs = old.get(i);
            if (Json.number(rs, 1, "spec", "replicas") == 0 && Json.number(rs, 0, "status", "replicas") == 0) {
                store.delete(REPLICA_SETS.objectPath(Json.string(rs, "metadata", "namespace"),
                        Json.string(rs, "metadata", "name")));
            }
        }
    }

    /** Deletes the ReplicaSets a deleted Deployment controlled, as the garbage collector does. */
    void deleteOwnedBy(String namespace, String deploymentUid) {
        for (Map<String, Object> rs : store.list(REPLICA_SETS.collectionPath(namespace))) {
            if (deploymentUid != null && deploymentUid.equals(controllerUid(rs))) {
                store.delete(REPLICA_SETS.objectPath(namespace, Json.string(rs, "metadata", "name")));
            }
        }
    }

    static long revision(Map<String, Object> rs) {
        return Json.number(rs, 0, "metadata", "annotations", REVISION);
    }

    static String controllerUid(Map<String, Object> object) {
        for (Object ref : Json.list(object, "metadata", "ownerReferences")) {
            Map<?, ?> owner = (Map<?, ?>) ref;
            if (Boolean.TRUE.equals(owner.get("controller")) || "true".equals(String.valueOf(owner.get("controller")))) {
                return String.valueOf(owner.get("uid"));
            }
        }
        return null;
    }

    private static Map<String, Object> replicaSet(Map<String, Object> deployment, String name, String hash,
            Map<String, Object> template, long revision) {
        Map<String, Object> podTemplate = Json.copy(template);
        Json.mapOrCreate(podTemplate, "metadata", "labels").put(HASH, hash);
        Map<String, Object> selector = Json.copy(Json.map(deployment, "spec", "selector"));
        selector = selector == null ? new LinkedHashMap<>() : selector;
        Json.mapOrCreate(selector, "matchLabels").put(HASH, hash);
        Map<String, Object> annotations = copiedAnnotations(deployment);
        annotations.put(REVISION, String.valueOf(revision));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", Json.string(deployment, "metadata", "namespace"));
        metadata.put("creationTimestamp", Pods.now());
        metadata.put("labels", Json.copy(Json.map(podTemplate, "metadata", "labels")));
        metadata.put("annotations", annotations);
        metadata.put("ownerReferences", List.of(owner(deployment)));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("replicas", 0);
        spec.put("selector", selector);
        spec.put("template", podTemplate);
        Map<String, Object> rs = new LinkedHashMap<>();
        rs.put("apiVersion", "apps/v1");
        rs.put("kind", "ReplicaSet");
        rs.put("metadata", metadata);
        rs.put("spec", spec);
        return rs;
    }

    private static Map<String, Object> owner(Map<String, Object> deployment) {
        Map<String, Object> owner = new LinkedHashMap<>();
        owner.put("apiVersion", "apps/v1");
        owner.put("kind", "Deployment");
        owner.put("name", Json.string(deployment, "metadata", "name"));
        owner.put("uid", Json.string(deployment, "metadata", "uid"));
        owner.put("controller", true);
        owner.put("blockOwnerDeletion", true);
        return owner;
    }

    private static Map<String, Object> copiedAnnotations(Map<String, Object> deployment) {
        Map<String, Object> annotations = new LinkedHashMap<>();
        Map<String, Object> own = Json.map(deployment, "metadata", "annotations");
        if (own != null) {
            own.forEach((k, v) -> {
                if (!NOT_COPIED.contains(k)) {
                    annotations.put(k, v);
                }
            });
        }
        return annotations;
    }
}
