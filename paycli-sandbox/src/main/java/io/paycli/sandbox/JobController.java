package io.paycli.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The Job controller, for Jobs of one completion at a time: it creates a pod the Job owns, and when that pod fails
 * another, one step later (a real one backs off 10 s, doubling), until one succeeds (Complete), the failed pods
 * exceed spec.backoffLimit (Failed, BackoffLimitExceeded) or spec.activeDeadlineSeconds passes (Failed,
 * DeadlineExceeded). The image tag decides what each pod does, as for Deployments ({@link PodBehaviour}): a
 * failing tag fails every pod, a flaky one fails the first pod only, one that cannot be pulled keeps the pod
 * Pending in ImagePullBackOff. restartPolicy OnFailure is run like Never: a new pod for each attempt. A suspended
 * Job gets no pods; a deleted Job's pods are deleted with it.
 */
final class JobController {

    static final ResourceType JOBS = ResourceCatalog.builtIn("batch", "v1", "jobs").orElseThrow();

    private final ObjectStore store;
    private final ScheduledExecutorService scheduler;
    private final Duration step;
    private final Set<String> pending = ConcurrentHashMap.newKeySet();

    JobController(ObjectStore store, ScheduledExecutorService scheduler, Duration step) {
        this.store = store;
        this.scheduler = scheduler;
        this.step = step;
    }

    void changed(ObjectStore.Change change) {
        Map<String, Object> job = change.object();
        String namespace = Json.string(job, "metadata", "namespace");
        String name = Json.string(job, "metadata", "name");
        if (change.type().equals("DELETED")) {
            String uid = Json.string(job, "metadata", "uid");
            later(() -> {
                synchronized (store) {
                    pods(namespace, uid).forEach(p -> store.delete(Pods.PODS.objectPath(namespace,
                            Json.string(p, "metadata", "name"))));
                }
            }, Duration.ZERO);
            return;
        }
        if (!finished(job) && pending.add(namespace + "/" + name)) {
            later(() -> sync(namespace, name), step);
        }
    }

    private void sync(String namespace, String name) {
        pending.remove(namespace + "/" + name);
        synchronized (store) {
            Map<String, Object> job = store.get(JOBS.objectPath(namespace, name));
            if (job == null || finished(job) || "true".equals(Json.string(job, "spec", "suspend"))) {
                return;
            }
            String uid = Json.string(job, "metadata", "uid");
            List<Map<String, Object>> pods = pods(namespace, uid);
            long succeeded = pods.stream().filter(p -> "Succeeded".equals(Json.string(p, "status", "phase"))).count();
            long failed = pods.stream().filter(p -> "Failed".equals(Json.string(p, "status", "phase"))).count();
            List<Map<String, Object>> active = new ArrayList<>(pods.stream().filter(p -> !terminal(p)).toList());
            Map<String, Object> old = Json.map(job, "status");
            String now = Pods.now();
            String started = old != null && old.get("startTime") != null ? String.valueOf(old.get("startTime")) : now;
            long deadline = Json.number(job, 0, "spec", "activeDeadlineSeconds");
            List<Object> conditions = new ArrayList<>();
            if (deadline > 0 && !Instant.parse(started).plusSeconds(deadline).isAfter(Instant.now())) {
                conditions = failure("DeadlineExceeded", "Job was active longer than specified deadline", now);
            } else if (succeeded >= Json.number(job, 1, "spec", "completions")) {
                conditions.add(condition("SuccessCriteriaMet", "CompletionsReached",
                        "Reached expected number of succeeded pods", now));
                conditions.add(condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods",
                        now));
            } else if (failed > Json.number(job, 6, "spec", "backoffLimit")) {
                conditions = failure("BackoffLimitExceeded", "Job has reached the specified backoff limit", now);
            } else if (active.isEmpty()) {
                active.add(startPod(job, namespace, name, uid, (int) (succeeded + failed)));
            }
            if (!conditions.isEmpty()) {
                active.forEach(p -> store.delete(Pods.PODS.objectPath(namespace, Json.string(p, "metadata", "name"))));
                active.clear();
            }
            Map<String, Object> status = new LinkedHashMap<>();
            if (!conditions.isEmpty()) {
                status.put("conditions", conditions);
            }
            status.put("startTime", started);
            if (conditions.size() == 2 && "Complete".equals(((Map<?, ?>) conditions.get(1)).get("type"))) {
                status.put("completionTime", now);
            }
            putCount(status, "active", active.size());
            putCount(status, "succeeded", succeeded);
            putCount(status, "failed", failed);
            status.put("terminating", 0);
            status.put("ready", 0);
            status.put("uncountedTerminatedPods", Map.of());
            if (!Objects.equals(Json.write(status), old == null ? null : Json.write(old))) {
                job.put("status", status);
                store.replaceStatus(JOBS.objectPath(namespace, name), job);
            }
            if (conditions.isEmpty() && deadline > 0) {
                long left = Duration.between(Instant.now(), Instant.parse(started).plusSeconds(deadline)).toMillis();
                later(() -> sync(namespace, name), Duration.ofMillis(Math.max(left, 0) + 1000));
            }
        }
    }

    private Map<String, Object> startPod(Map<String, Object> job, String namespace, String jobName, String uid,
            int attempt) {
        Map<String, Object> template = Json.map(job, "spec", "template");
        template = template == null ? new LinkedHashMap<>() : template;
        PodBehaviour behaviour = PodBehaviour.of(template);
        String name = jobName + "-" + UUID.randomUUID().toString().substring(0, 5);
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        Map<String, Object> labels = Json.map(template, "metadata", "labels");
        metadata.put("labels", labels == null ? Map.of(JobDefaults.JOB_NAME, jobName) : Json.copy(labels));
        metadata.put("ownerReferences", List.of(Map.of("apiVersion", "batch/v1", "kind", "Job", "name", jobName,
                "uid", uid, "controller", true, "blockOwnerDeletion", true)));
        Map<String, Object> spec = Json.copy(Json.map(template, "spec"));
        spec = spec == null ? new LinkedHashMap<>() : spec;
        spec.put("nodeName", "sandbox-node");
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("apiVersion", "v1");
        pod.put("kind", "Pod");
        pod.put("metadata", metadata);
        pod.put("spec", spec);
        Pods.State first = behaviour == PodBehaviour.PULL ? Pods.State.ERR_IMAGE_PULL : Pods.State.CREATING;
        pod.put("status", Pods.status(name, spec, first, 0, null));
        Map<String, Object> created = store.create(Pods.PODS.collectionPath(namespace), pod).object();
        later(() -> runPod(namespace, name, jobName, behaviour, attempt), step);
        return created;
    }

    /** The kubelet's part: the pod's container runs to its end, or its image stays unpulled. */
    private void runPod(String namespace, String name, String jobName, PodBehaviour behaviour, int attempt) {
        synchronized (store) {
            String path = Pods.PODS.objectPath(namespace, name);
            Map<String, Object> pod = store.get(path);
            if (pod == null) {
                return;
            }
            Map<String, Object> spec = Json.map(pod, "spec");
            String startTime = Json.string(pod, "status", "startTime");
            boolean pullFails = behaviour == PodBehaviour.PULL;
            boolean succeeds = behaviour == PodBehaviour.READY || behaviour == PodBehaviour.SLOW_RESTART && attempt > 0;
            pod.put("status", pullFails ? Pods.status(name, spec, Pods.State.IMAGE_PULL_BACK_OFF, 0, startTime)
                    : JobPods.terminated(name, spec, succeeds, startTime));
            Timeline.as(Kubelet.NAME, () -> store.replaceStatus(path, pod));
            if (!pullFails) {
                sync(namespace, jobName);
            }
        }
    }

    private List<Map<String, Object>> pods(String namespace, String uid) {
        return store.list(Pods.PODS.collectionPath(namespace) + "?labelSelector="
                + java.net.URLEncoder.encode(JobDefaults.CONTROLLER_UID + "=" + uid,
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    private static boolean terminal(Map<String, Object> pod) {
        String phase = Json.string(pod, "status", "phase");
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private static boolean finished(Map<String, Object> job) {
        for (Object c : Json.list(job, "status", "conditions")) {
            Map<?, ?> condition = (Map<?, ?>) c;
            if (("Complete".equals(condition.get("type")) || "Failed".equals(condition.get("type")))
                    && "True".equals(condition.get("status"))) {
                return true;
            }
        }
        return false;
    }

    private static List<Object> failure(String reason, String message, String now) {
        return new ArrayList<>(List.of(condition("FailureTarget", reason, message, now),
                condition("Failed", reason, message, now)));
    }

    private static void putCount(Map<String, Object> status, String key, long count) {
        if (count > 0) {
            status.put(key, count);
        }
    }

    private static Map<String, Object> condition(String type, String reason, String message, String now) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", "True");
        condition.put("lastProbeTime", now);
        condition.put("lastTransitionTime", now);
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }

    private void later(Runnable task, Duration delay) {
        if (!scheduler.isShutdown()) {
            scheduler.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
