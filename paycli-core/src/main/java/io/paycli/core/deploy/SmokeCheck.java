package io.paycli.core.deploy;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.Health;
import io.paycli.core.cluster.WaitRules;
import io.paycli.core.model.BlueGreenConfig.Smoke;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.render.BlueGreenLayout;
import io.paycli.core.render.Labels;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The optional smoke check of a blue-green release: a Job {@code <app>-smoke-<revision>} that runs the configured
 * command once (no retries) against the preview Service, whose address it gets as {@code PREVIEW_URL}. A passed
 * check's Job is deleted; a failed one stays for a day, so that its logs can be read.
 */
final class SmokeCheck {
    static final String KIND = "Job";
    private static final long KEEP_FAILED_SECONDS = Duration.ofDays(1).toSeconds();

    private final ClusterGateway cluster;
    private final Consumer<DeployEvent> events;
    private final Runnable checkpoint;

    SmokeCheck(ClusterGateway cluster, Consumer<DeployEvent> events, Runnable checkpoint) {
        this.cluster = cluster;
        this.events = events;
        this.checkpoint = checkpoint;
    }

    /**
     * Runs the check and waits for it until {@code deadline} (the caller's: the deploy's, or the check's own
     * timeout with a margin for the pod to start, whichever comes first); the health says why it failed.
     */
    Health run(Smoke smoke, String app, String env, String namespace, int revision, List<Manifest> manifests,
               Instant deadline) {
        Manifest job = job(smoke, app, env, namespace, revision, previewUrl(app, namespace, manifests));
        ObjectRef ref = ObjectRef.of(job);
        events.accept(DeployEvent.step(Step.WAIT, Kind.STARTED, "smoke check " + ref.name() + " against "
                + BlueGreenLayout.preview(app)));
        checkpoint.run();
        cluster.delete(ref); // a Job of an earlier attempt of this revision; a Job's template cannot change
        checkpoint.run();
        Map<String, Object> applied = cluster.apply(job, false);
        Map<ObjectRef, Instant> at = new LinkedHashMap<>();
        Instant written = WaitRules.writtenAt(applied);
        if (written != null) {
            at.put(ref, written);
        }
        Health health = cluster.awaitHealthy(List.of(ref), deadline, new WaitRules(at, WaitRules.DEFAULT_FAIL_FAST_GRACE),
                events, checkpoint);
        if (health.healthy()) {
            checkpoint.run();
            cluster.delete(ref);
            events.accept(DeployEvent.step(Step.WAIT, Kind.DONE, "smoke check passed"));
            return health;
        }
        String reason = "smoke check " + ref.name() + " failed: " + health.reason() + " (kubectl logs job/"
                + ref.name() + " -n " + namespace + ")";
        events.accept(DeployEvent.step(Step.WAIT, Kind.FAILED, reason));
        return Health.failed(reason, health.details());
    }

    /** {@code http://<app>-preview.<namespace>.svc:<first port of the Service>}. */
    static String previewUrl(String app, String namespace, List<Manifest> manifests) {
        int port = manifests.stream().filter(m -> m.kind().equals("Service") && m.name().equals(app)).findFirst()
                .map(m -> m.body().get("spec") instanceof Map<?, ?> spec && spec.get("ports") instanceof List<?> ports
                        && !ports.isEmpty() && ports.get(0) instanceof Map<?, ?> p && p.get("port") instanceof Number n
                        ? n.intValue() : 80).orElse(80);
        return "http://" + BlueGreenLayout.preview(app) + "." + namespace + ".svc:" + port;
    }

    static Manifest job(Smoke smoke, String app, String env, String namespace, int revision, String url) {
        String name = app + "-smoke-" + revision;
        Map<String, Object> labels = new LinkedHashMap<>(Labels.inventory(app, env));
        labels.put("paycli.io/smoke", "true");
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("name", "smoke");
        container.put("image", smoke.image());
        container.put("command", new ArrayList<>(smoke.command()));
        container.put("env", List.of(Map.of("name", "PREVIEW_URL", "value", url)));
        // Small, so that a namespace with a quota on requests admits the check's pod without a LimitRange.
        container.put("resources", Map.of("requests", Map.of("cpu", "10m", "memory", "32Mi"),
                "limits", Map.of("memory", "64Mi")));
        Map<String, Object> podSpec = new LinkedHashMap<>();
        podSpec.put("restartPolicy", "Never");
        podSpec.put("containers", List.of(container));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("backoffLimit", 0);
        spec.put("activeDeadlineSeconds", Math.max(1, smoke.timeout().toSeconds()));
        spec.put("ttlSecondsAfterFinished", KEEP_FAILED_SECONDS);
        spec.put("template", Map.of("metadata", Map.of("labels", labels), "spec", podSpec));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", namespace);
        metadata.put("labels", labels);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", "batch/v1");
        body.put("kind", KIND);
        body.put("metadata", metadata);
        body.put("spec", spec);
        return new Manifest("batch/v1", KIND, namespace, name, body, "blueGreen.smoke");
    }
}
