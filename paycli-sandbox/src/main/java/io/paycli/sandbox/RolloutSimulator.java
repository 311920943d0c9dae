package io.paycli.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the Deployment controller and the kubelets would do: a short while after each spec change the status
 * catches up and ready pods exist. A template whose image tag contains "fail" gets pods that stay waiting
 * (CrashLoopBackOff or ImagePullBackOff) with a Warning event, and after the progress deadline the Deployment
 * says ProgressDeadlineExceeded.
 */
final class RolloutSimulator implements ObjectStore.Listener {

    static final ResourceType DEPLOYMENTS = ResourceCatalog.builtIn("apps", "v1", "deployments").orElseThrow();

    private final ObjectStore store;
    private final ScheduledExecutorService scheduler;
    private final SandboxSettings settings;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    RolloutSimulator(ObjectStore store, ScheduledExecutorService scheduler, SandboxSettings settings) {
        this.store = store;
        this.scheduler = scheduler;
        this.settings = settings;
    }

    @Override
    public void changed(ObjectStore.Change change) {
        Map<String, Object> object = change.object();
        if (!"Deployment".equals(object.get("kind")) || !"apps/v1".equals(object.get("apiVersion"))) {
            return;
        }
        String namespace = Json.string(object, "metadata", "namespace");
        String name = Json.string(object, "metadata", "name");
        if (change.type().equals("DELETED")) {
            scheduler.execute(() -> removePods(namespace, name, null, 0));
            return;
        }
        long generation = Json.number(object, 1, "metadata", "generation");
        if (Json.number(object, 0, "status", "observedGeneration") < generation && pending.add(namespace + "/" + name)) {
            scheduler.schedule(() -> reconcile(namespace, name), settings.rolloutDelay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void reconcile(String namespace, String name) {
        pending.remove(namespace + "/" + name);
        synchronized (store) {
            String path = DEPLOYMENTS.objectPath(namespace, name);
            Map<String, Object> deployment = store.get(path);
            if (deployment == null) {
                return;
            }
            long generation = Json.number(deployment, 1, "metadata", "generation");
            int replicas = (int) Json.number(deployment, 1, "spec", "replicas");
            Map<String, Object> template = Json.map(deployment, "spec", "template");
            template = template == null ? new LinkedHashMap<>() : template;
            String hash = hash(template);
            String failure = Pods.failureReason(template);
            removePods(namespace, name, hash, replicas);
            for (int i = 0; i < replicas; i++) {
                String podName = name + "-" + hash + "-" + suffix(hash, i);
                if (store.get(Pods.PODS.objectPath(namespace, podName)) == null) {
                    Map<String, Object> pod = Pods.pod(namespace, podName, name + "-" + hash, "ReplicaSet", hash, template,
                            failure);
                    ObjectStore.Reply created = store.create(Pods.PODS.collectionPath(namespace), pod);
                    if (failure != null && created.ok()) {
                        store.create(Pods.EVENTS.collectionPath(namespace), Pods.warning(created.object(), failure));
                    }
                }
            }
            deployment.put("status", status(generation, replicas, failure, name + "-" + hash));
            store.replaceStatus(path, deployment);
            if (failure != null) {
                scheduler.schedule(() -> deadline(namespace, name, generation), settings.progressDeadline().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Past the progress deadline, a rollout that never became available says so. */
    private void deadline(String namespace, String name, long generation) {
        synchronized (store) {
            String path = DEPLOYMENTS.objectPath(namespace, name);
            Map<String, Object> deployment = store.get(path);
            if (deployment == null || Json.number(deployment, 0, "status", "observedGeneration") != generation
                    || Json.number(deployment, 0, "metadata", "generation") != generation
                    || Json.number(deployment, 0, "status", "availableReplicas") > 0) {
                return;
            }
            String rs = name + "-" + hash(Json.map(deployment, "spec", "template"));
            List<Object> conditions = new ArrayList<>();
            conditions.add(condition("Available", "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability."));
            conditions.add(condition("Progressing", "False", "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + rs + "\" has timed out progressing."));
            Json.mapOrCreate(deployment, "status").put("conditions", conditions);
            store.replaceStatus(path, deployment);
        }
    }

    /** Deletes the deployment's pods of other templates, and any beyond the wanted count. */
    private void removePods(String namespace, String name, String keepHash, int keep) {
        synchronized (store) {
            for (Map<String, Object> pod : store.list(Pods.PODS.collectionPath(namespace))) {
                String podName = Json.string(pod, "metadata", "name");
                String podHash = Json.string(pod, "metadata", "labels", "pod-template-hash");
                if (podHash == null || !podName.startsWith(name + "-" + podHash + "-")) {
                    continue;
                }
                boolean wanted = podHash.equals(keepHash) && indexOf(podName, podHash) < keep;
                if (!wanted) {
                    store.delete(Pods.PODS.objectPath(namespace, podName));
                }
            }
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

    private static Map<String, Object> status(long generation, int replicas, String failure, String rs) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("observedGeneration", generation);
        status.put("replicas", replicas);
        status.put("updatedReplicas", replicas);
        status.put("readyReplicas", failure == null ? replicas : 0);
        status.put("availableReplicas", failure == null ? replicas : 0);
        if (failure != null && replicas > 0) {
            status.put("unavailableReplicas", replicas);
        }
        List<Object> conditions = new ArrayList<>();
        if (failure == null) {
            conditions.add(condition("Available", "True", "MinimumReplicasAvailable",
                    "Deployment has minimum availability."));
            conditions.add(condition("Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + rs + "\" has successfully progressed."));
        } else {
            conditions.add(condition("Available", "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability."));
            conditions.add(condition("Progressing", "True", "ReplicaSetUpdated",
                    "ReplicaSet \"" + rs + "\" is progressing."));
        }
        status.put("conditions", conditions);
        return status;
    }

    private static Map<String, Object> condition(String type, String status, String reason, String message) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("lastUpdateTime", Pods.now());
        condition.put("lastTransitionTime", Pods.now());
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }

    /** A stable 10-character name part for a pod template, like the pod-template-hash label. */
    static String hash(Map<String, Object> template) {
        String hex = Integer.toHexString(Json.write(template == null ? Map.of() : template).hashCode() & 0x7fffffff);
        return ("bcdfg" + hex).substring(Math.max(0, hex.length() + 5 - 10));
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
