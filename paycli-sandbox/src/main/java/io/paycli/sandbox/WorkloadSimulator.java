package io.paycli.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Job controller ({@link JobController}) and the HorizontalPodAutoscaler controller, simplified: an HPA keeps
 * the Deployment its scaleTargetRef names within [minReplicas, maxReplicas], writing replicas through the scale
 * subresource as kube-controller-manager does, and reports current and desired replicas.
 */
final class WorkloadSimulator implements ObjectStore.Listener {

    static final ResourceType HPAS = ResourceCatalog.builtIn("autoscaling", "v2", "horizontalpodautoscalers")
            .orElseThrow();
    static final String CONTROLLER = "kube-controller-manager";

    private final ObjectStore store;
    private final Writes writes;
    private final ScheduledExecutorService scheduler;
    private final SandboxSettings settings;
    private final Set<String> pendingNamespaces = ConcurrentHashMap.newKeySet();
    private final JobController jobs;

    WorkloadSimulator(ObjectStore store, Writes writes, ScheduledExecutorService scheduler, SandboxSettings settings) {
        this.store = store;
        this.writes = writes;
        this.scheduler = scheduler;
        this.settings = settings;
        this.jobs = new JobController(store, scheduler, settings.rolloutDelay());
    }

    @Override
    public void changed(ObjectStore.Change change) {
        Map<String, Object> object = change.object();
        String kind = String.valueOf(object.get("kind"));
        if (kind.equals("Job") && "batch/v1".equals(object.get("apiVersion"))) {
            jobs.changed(change);
            return;
        }
        if (change.type().equals("DELETED")) {
            return;
        }
        String namespace = Json.string(object, "metadata", "namespace");
        boolean hpaRelated = kind.equals("HorizontalPodAutoscaler") || kind.equals("Deployment");
        if (hpaRelated && namespace != null && pendingNamespaces.add(namespace)) {
            scheduler.schedule(() -> reconcileAutoscalers(namespace), settings.rolloutDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void reconcileAutoscalers(String namespace) {
        pendingNamespaces.remove(namespace);
        synchronized (store) {
            for (Map<String, Object> hpa : store.list(HPAS.collectionPath(namespace))) {
                reconcile(namespace, hpa);
            }
        }
    }

    /**
     * One look of the autoscaler at one HPA: only the Deployment its scaleTargetRef names now is read and scaled,
     * through the scale subresource as kube-controller-manager, into [minReplicas, maxReplicas]. A target at zero
     * replicas is left alone (ScalingDisabled), as a real autoscaler leaves it.
     */
    private void reconcile(String namespace, Map<String, Object> hpa) {
        Map<String, Object> target = Json.map(hpa, "spec", "scaleTargetRef");
        if (target == null || !"Deployment".equals(target.get("kind"))) {
            return;
        }
        String targetName = String.valueOf(target.get("name"));
        Map<String, Object> deployment = store.get(RolloutSimulator.DEPLOYMENTS.objectPath(namespace, targetName));
        if (deployment == null) {
            return;
        }
        long current = Json.number(deployment, 1, "spec", "replicas");
        long min = Json.number(hpa, 1, "spec", "minReplicas");
        long max = Json.number(hpa, Math.max(min, current), "spec", "maxReplicas");
        boolean disabled = current == 0 && min > 0;
        long desired = disabled ? 0 : Math.max(min, Math.min(max, current));
        if (desired != current) {
            Map<String, Object> scaled = Json.copy(deployment);
            Json.mapOrCreate(scaled, "spec").put("replicas", desired);
            Timeline.as(new Timeline.Actor(CONTROLLER, "update", "scale"), () -> writes.updateScale(
                    RolloutSimulator.DEPLOYMENTS, namespace, targetName, scaled, CONTROLLER, false));
        }
        Map<String, Object> old = Json.map(hpa, "status");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("currentReplicas", Json.number(deployment, current, "status", "replicas"));
        status.put("desiredReplicas", desired);
        status.put("conditions", List.of(
                condition(old, "AbleToScale", "True", desired != current ? "SucceededRescale" : "ReadyForNewScale",
                        "the HPA controller was able to update the target scale to " + desired),
                disabled ? condition(old, "ScalingActive", "False", "ScalingDisabled",
                        "scaling is disabled since the replica count of the target is zero")
                        : condition(old, "ScalingActive", "True", "ValidMetricFound",
                                "the HPA was able to successfully calculate a replica count")));
        if (desired != current) {
            status.put("lastScaleTime", Pods.now());
        } else if (old != null && old.get("lastScaleTime") != null) {
            status.put("lastScaleTime", old.get("lastScaleTime"));
        }
        if (Json.write(status).equals(old == null ? null : Json.write(old))) {
            return;
        }
        hpa.put("status", status);
        store.replaceStatus(HPAS.objectPath(namespace, Json.string(hpa, "metadata", "name")), hpa);
    }

    /** An HPA condition, keeping its transition time while its status stays. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> condition(Map<String, Object> oldStatus, String type, String status,
            String reason, String message) {
        String since = Pods.now();
        for (Object c : oldStatus == null ? List.of() : Json.list(oldStatus, "conditions")) {
            Map<String, Object> old = (Map<String, Object>) c;
            if (type.equals(old.get("type")) && status.equals(old.get("status"))) {
                since = String.valueOf(old.get("lastTransitionTime"));
            }
        }
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("lastTransitionTime", since);
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }
}
