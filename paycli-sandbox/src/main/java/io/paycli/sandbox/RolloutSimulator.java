package io.paycli.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the Deployment controller would do, closely enough to show a client the states a real rollout passes
 * through. A rollout delay after each spec change the controller observes the generation, makes (or reuses) the
 * ReplicaSet of the new template ({@link ReplicaSets}) and creates its pods next to the old ones (status.replicas
 * above spec.replicas, the surge); once all new pods are ready, the old ones go at the next look and their
 * ReplicaSets are scaled to zero, the oldest beyond revisionHistoryLimit deleted. The {@link Kubelet} moves pods
 * through the states their image tag asks for ({@link PodBehaviour}). Conditions follow the controller's rules
 * ({@link DeploymentConditions}): a new template gets NewReplicaSetCreated, a template seen before keeps the
 * condition it has (a ProgressDeadlineExceeded stays until progress is made), progress writes ReplicaSetUpdated, a
 * complete rollout NewReplicaSetAvailable, and no progress for the progress deadline ProgressDeadlineExceeded.
 * spec.paused stops the rollout: the generation is still observed, the Progressing condition becomes
 * Unknown/DeploymentPaused, and pods keep the old template.
 */
final class RolloutSimulator implements ObjectStore.Listener {

    static final ResourceType DEPLOYMENTS = ResourceCatalog.builtIn("apps", "v1", "deployments").orElseThrow();

    private final ObjectStore store;
    private final ScheduledExecutorService scheduler;
    private final SandboxSettings settings;
    private final Kubelet kubelet;
    private final ReplicaSets replicaSets;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();
    /** When each Deployment last made progress, exactly (the condition holds whole seconds only). */
    private final Map<String, Instant> progressAt = new ConcurrentHashMap<>();
    private final Map<String, Instant> deadlineChecks = new ConcurrentHashMap<>();

    RolloutSimulator(ObjectStore store, Writes writes, ScheduledExecutorService scheduler, SandboxSettings settings) {
        this.store = store;
        this.replicaSets = new ReplicaSets(store, writes);
        this.scheduler = scheduler;
        this.settings = settings;
        this.kubelet = new Kubelet(store, scheduler, settings.rolloutDelay(), this::podChanged);
    }

    @Override
    public void changed(ObjectStore.Change change) {
        Map<String, Object> object = change.object();
        if (!"apps/v1".equals(object.get("apiVersion"))) {
            return;
        }
        String namespace = Json.string(object, "metadata", "namespace");
        String name = Json.string(object, "metadata", "name");
        String uid = Json.string(object, "metadata", "uid");
        if ("ReplicaSet".equals(object.get("kind")) && change.type().equals("DELETED")) {
            scheduler.execute(() -> replicaSetDeleted(namespace, uid, object));
            return;
        }
        if (!"Deployment".equals(object.get("kind"))) {
            return;
        }
        if (change.type().equals("DELETED")) {
            progressAt.remove(namespace + "/" + name);
            // The garbage collector: the ReplicaSets go, and their pods with them.
            scheduler.execute(() -> {
                synchronized (store) {
                    replicaSets.deleteOwnedBy(namespace, uid);
                    removePods(namespace, name);
                }
            });
            return;
        }
        long generation = Json.number(object, 1, "metadata", "generation");
        if (Json.number(object, 0, "status", "observedGeneration") < generation && pending.add(namespace + "/" + name)) {
            later(() -> reconcile(namespace, name), settings.rolloutDelay());
        }
    }

    private void podChanged(Map<String, Object> pod) {
        for (Object ref : Json.list(pod, "metadata", "ownerReferences")) {
            String owner = String.valueOf(((Map<?, ?>) ref).get("name"));
            String hash = Json.string(pod, "metadata", "labels", "pod-template-hash");
            if (hash != null && owner.endsWith("-" + hash)) {
                reconcile(Json.string(pod, "metadata", "namespace"),
                        owner.substring(0, owner.length() - hash.length() - 1));
            }
        }
    }

    private void reconcile(String namespace, String name) {
        String key = namespace + "/" + name;
        pending.remove(key);
        synchronized (store) {
            String path = DEPLOYMENTS.objectPath(namespace, name);
            Map<String, Object> deployment = store.get(path);
            if (deployment == null) {
                return;
            }
            long generation = Json.number(deployment, 1, "metadata", "generation");
            boolean firstLook = Json.number(deployment, 0, "status", "observedGeneration") < generation;
            boolean paused = "true".equals(Json.string(deployment, "spec", "paused"));
            int wanted = (int) Json.number(deployment, 1, "spec", "replicas");
            Map<String, Object> template = Json.map(deployment, "spec", "template");
            template = template == null ? new LinkedHashMap<>() : template;
            String hash = TemplateHash.of(template);
            String rs = name + "-" + hash;
            DeploymentConditions conditions = new DeploymentConditions(deployment);
            boolean pausedBefore = "DeploymentPaused".equals(conditions.reason("Progressing"));
            if (paused && !pausedBefore && !"ProgressDeadlineExceeded".equals(conditions.reason("Progressing"))) {
                conditions.set("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused");
            } else if (!paused && pausedBefore) {
                conditions.set("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed");
            }
            ReplicaSets.Current current = null;
            if (!paused) {
                current = replicaSets.current(deployment, hash, template);
                if (current.created()) {
                    conditions.set("Progressing", "True", "NewReplicaSetCreated",
                            "Created new replica set \"" + rs + "\"");
                    progressAt.put(key, Instant.now());
                }
                // Re-read: the revision annotation may have been written.
                deployment = store.get(path);
                if (current.replicaSet() == null) {
                    return; // the ReplicaSet could not be made (its namespace is going); nothing to roll out
                }
                scalePods(deployment, current, hash, template, wanted, !firstLook);
            }
            replicaSets.syncAll(deployment, current == null ? null : current.name(), wanted,
                    podsOf(namespace, name, deployment));
            Map<String, Object> old = Json.map(deployment, "status");
            old = old == null ? Map.of() : old;
            Map<String, Object> status = DeploymentStatus.counts(podsOf(namespace, name, deployment), hash,
                    generation);
            long available = Json.number(status, 0, "availableReplicas");
            if (available >= wanted - DeploymentStatus.maxUnavailable(deployment, wanted)) {
                conditions.set("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
            } else {
                conditions.set("Available", "False", "MinimumReplicasUnavailable",
                        "Deployment does not have minimum availability.");
            }
            boolean complete = DeploymentStatus.complete(status, wanted);
            if (!paused) {
                rolloutConditions(key, conditions, old, status, complete, rs);
            }
            status.put("conditions", conditions.list());
            if (!Json.parse(Json.write(status)).equals(old)) {
                deployment.put("status", status);
                store.replaceStatus(path, deployment);
            }
            if (!paused && complete) {
                replicaSets.cleanUp(deployment, rs);
            }
            if (!paused && firstLook && !complete) {
                // Old pods go at the next look, so a client sees the surge first.
                later(() -> reconcile(namespace, name), settings.rolloutDelay());
            }
            if (!paused && !complete && !"ProgressDeadlineExceeded".equals(conditions.reason("Progressing"))) {
                checkDeadline(namespace, name, key);
            }
        }
    }

    /** Progressing as syncRolloutStatus writes it, once the controller has looked at the pods. */
    private void rolloutConditions(String key, DeploymentConditions conditions, Map<String, Object> old,
            Map<String, Object> status, boolean complete, String rs) {
        long replicas = Json.number(status, 0, "replicas");
        long updated = Json.number(status, 0, "updatedReplicas");
        if (replicas == updated && "NewReplicaSetAvailable".equals(conditions.reason("Progressing"))) {
            return;
        }
        if (complete) {
            conditions.set("Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + rs + "\" has successfully progressed.");
        } else if (progressed(old, status)) {
            conditions.progressed("ReplicaSet \"" + rs + "\" is progressing.");
            progressAt.put(key, Instant.now());
        } else if (timedOut(key, conditions)) {
            conditions.set("Progressing", "False", "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + rs + "\" has timed out progressing.");
        }
    }

    /** DeploymentProgressing: more updated, ready or available pods, or fewer old ones. */
    private static boolean progressed(Map<String, Object> old, Map<String, Object> now) {
        long oldOld = Json.number(old, 0, "replicas") - Json.number(old, 0, "updatedReplicas");
        long nowOld = Json.number(now, 0, "replicas") - Json.number(now, 0, "updatedReplicas");
        return Json.number(now, 0, "updatedReplicas") > Json.number(old, 0, "updatedReplicas") || nowOld < oldOld
                || Json.number(now, 0, "readyReplicas") > Json.number(old, 0, "readyReplicas")
                || Json.number(now, 0, "availableReplicas") > Json.number(old, 0, "availableReplicas");
    }

    private boolean timedOut(String key, DeploymentConditions conditions) {
        String reason = conditions.reason("Progressing");
        if (reason == null || reason.equals("NewReplicaSetAvailable")) {
            return false;
        }
        Instant from = progressAt.get(key);
        return reason.equals("ProgressDeadlineExceeded")
                || from != null && from.plus(settings.progressDeadline()).isBefore(Instant.now());
    }

    private void checkDeadline(String namespace, String name, String key) {
        Instant from = progressAt.get(key);
        if (from == null) {
            return;
        }
        Instant at = from.plus(settings.progressDeadline()).plusMillis(20);
        if (!at.equals(deadlineChecks.put(key, at))) {
            later(() -> reconcile(namespace, name), Duration.between(Instant.now(), at));
        }
    }

    /** Creates the missing pods of the template, removes surplus ones, and the old ones once all new are ready. */
    private void scalePods(Map<String, Object> deployment, ReplicaSets.Current owner, String hash,
            Map<String, Object> template, int wanted, boolean removeOld) {
        String namespace = Json.string(deployment, "metadata", "namespace");
        String name = Json.string(deployment, "metadata", "name");
        List<Map<String, Object>> pods = podsOf(namespace, name, deployment);
        int ready = 0;
        for (Map<String, Object> pod : pods) {
            String podName = Json.string(pod, "metadata", "name");
            boolean current = hash.equals(Json.string(pod, "metadata", "labels", "pod-template-hash"));
            if (current && indexOf(podName, hash) >= wanted) {
                store.delete(Pods.PODS.objectPath(namespace, podName));
            } else if (current && DeploymentStatus.ready(pod)) {
                ready++;
            }
        }
        PodBehaviour behaviour = PodBehaviour.of(template);
        for (int i = 0; i < wanted; i++) {
            String podName = name + "-" + hash + "-" + suffix(hash, i);
            if (store.get(Pods.PODS.objectPath(namespace, podName)) == null) {
                Map<String, Object> pod = Pods.pod(namespace, podName, owner.name(), owner.uid(), hash, template,
                        Kubelet.first(behaviour));
                ObjectStore.Reply created = store.create(Pods.PODS.collectionPath(namespace), pod);
                if (created.ok()) {
                    kubelet.admit(created.object(), behaviour);
                }
            }
        }
        if (removeOld && ready >= wanted) {
            for (Map<String, Object> pod : pods) {
                if (!hash.equals(Json.string(pod, "metadata", "labels", "pod-template-hash"))) {
                    store.delete(Pods.PODS.objectPath(namespace, Json.string(pod, "metadata", "name")));
                }
            }
        }
    }

    /**
     * The Deployment's pods, of every template: named after a ReplicaSet "<deployment>-<hash>". With the
     * Deployment at hand, only the pods its selector's labels match are read, as a real controller does.
     */
    private List<Map<String, Object>> podsOf(String namespace, String name, Map<String, Object> deployment) {
        List<Map<String, Object>> mine = new ArrayList<>();
        for (Map<String, Object> pod : store.list(Pods.PODS.collectionPath(namespace), deployment == null ? null
                : Json.map(deployment, "spec", "selector", "matchLabels"))) {
            String podHash = Json.string(pod, "metadata", "labels", "pod-template-hash");
            if (podHash != null && Json.string(pod, "metadata", "name").startsWith(name + "-" + podHash + "-")) {
                mine.add(pod);
            }
        }
        return mine;
    }

    private void removePods(String namespace, String name) {
        synchronized (store) {
            for (Map<String, Object> pod : podsOf(namespace, name, null)) {
                store.delete(Pods.PODS.objectPath(namespace, Json.string(pod, "metadata", "name")));
            }
        }
    }

    /** A ReplicaSet deleted on its own: its pods go; the Deployment controller makes it again if still wanted. */
    private void replicaSetDeleted(String namespace, String uid, Map<String, Object> rs) {
        synchronized (store) {
            for (Map<String, Object> pod : store.list(Pods.PODS.collectionPath(namespace))) {
                if (uid != null && uid.equals(ReplicaSets.controllerUid(pod))) {
                    store.delete(Pods.PODS.objectPath(namespace, Json.string(pod, "metadata", "name")));
                }
            }
        }
        for (Object ref : Json.list(rs, "metadata", "ownerReferences")) {
            String owner = String.valueOf(((Map<?, ?>) ref).get("name"));
            if (store.get(DEPLOYMENTS.objectPath(namespace, owner)) != null) {
                later(() -> reconcile(namespace, owner), settings.rolloutDelay());
            }
        }
    }

    private void later(Runnable task, Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(task, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    private static int indexOf(String podName, String hash) {
        for (int i = 0; i < 1000; i++) {
            if (podName.endsWith("-" + suffix(hash, i))) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private static String suffix(String hash, int index) {
        String chars = "bcdfghjklmnpqrstvwxz2456789";
        int seed = (hash + "#" + index).hashCode() & 0x7fffffff;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            out.append(chars.charAt(seed % chars.length()));
            seed /= chars.length();
        }
        return out.toString();
    }
}
