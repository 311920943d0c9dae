package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.ClusterException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Waiting for health with watches: rollouts, failures with their reasons, deadlines, broken watches, Jobs, HPAs. */
class AwaitHealthyTest {

    @TempDir
    Path dir;
    private SandboxCluster cluster;
    private final List<DeployEvent> events = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private SandboxCluster start(Duration rolloutDelay, Duration progressDeadline) {
        cluster = SandboxCluster.start(dir, SandboxSettings.defaults().withRolloutDelay(rolloutDelay)
                .withProgressDeadline(progressDeadline));
        return cluster;
    }

    private ObjectRef apply(Manifest manifest) {
        cluster.gateway.apply(manifest, false);
        return ObjectRef.of(manifest);
    }

    private Health await(List<ObjectRef> objects, Duration timeout) {
        return cluster.gateway.awaitHealthy(objects, Instant.now().plus(timeout), events::add);
    }

    /** Each event as a user reads it: the object, then the message (which does not repeat the object). */
    private List<String> messages(DeployEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).map(e -> {
            assertThat(e.message()).doesNotStartWith(String.valueOf(e.object()));
            return e.object() + ": " + e.message();
        }).toList();
    }

    @Test
    void aDeploymentRollsOutAndProgressIsReported() {
        start(Duration.ofMillis(300), Duration.ofSeconds(3));
        ObjectRef web = apply(SandboxCluster.deployment("web", "nginx:1", 2));
        ObjectRef config = apply(SandboxCluster.configMap("web-config", Map.of("a", "1")));

        Health health = await(List.of(web, config), Duration.ofSeconds(20));

        assertThat(health.healthy()).as(health.reason()).isTrue();
        assertThat(messages(DeployEvent.Kind.PROGRESS)).first().asString()
                .startsWith("Deployment promotion/web: waiting for the controller");
        assertThat(messages(DeployEvent.Kind.PROGRESS)).last().asString()
                .isEqualTo("Deployment promotion/web: rolled out, 2 of 2 replicas available");
        assertThat(events).allMatch(e -> e.step() == DeployEvent.Step.WAIT);
        // One list and one watch each for deployments, pods and events; nothing for the ConfigMap.
        assertThat(cluster.sandbox.requests().byRoute()).containsOnlyKeys(
                "GET /apis/apps/v1/namespaces/{namespace}/deployments",
                "WATCH /apis/apps/v1/namespaces/{namespace}/deployments",
                "GET /api/v1/namespaces/{namespace}/pods", "WATCH /api/v1/namespaces/{namespace}/pods",
                "GET /api/v1/namespaces/{namespace}/events", "WATCH /api/v1/namespaces/{namespace}/events",
                "PATCH /apis/apps/v1/namespaces/{namespace}/deployments/{name}",
                "PATCH /api/v1/namespaces/{namespace}/configmaps/{name}");
    }

    @Test
    void aFailingRolloutSaysWhichPodFailsAndWhy() {
        start(Duration.ofMillis(100), Duration.ofSeconds(1));
        ObjectRef web = apply(SandboxCluster.deployment("web", "registry.example.com/web:1.2-fail", 1));

        Health health = await(List.of(web), Duration.ofSeconds(20));

        assertThat(health.healthy()).isFalse();
        assertThat(health.reason()).matches("Deployment promotion/web: pod web-\\S+: CrashLoopBackOff after \\d+ "
                + "restarts: Back-off restarting failed container web");
        assertThat(messages(DeployEvent.Kind.WARNING)).anyMatch(m -> m.contains("CrashLoopBackOff"))
                .anyMatch(m -> m.contains("Warning BackOff pod/web-"));
        assertThat(messages(DeployEvent.Kind.WARNING)).doesNotHaveDuplicates();
    }

    @Test
    void theDeadlineEndsTheWaitWithTheLastStatusAndThePodReason() {
        start(Duration.ofMillis(100), Duration.ofSeconds(30));
        ObjectRef web = apply(SandboxCluster.deployment("web", "registry.example.com/web:pull-fail", 2));

        long startedAt = System.nanoTime();
        Health health = await(List.of(web), Duration.ofMillis(1500));

        assertThat(Duration.ofNanos(System.nanoTime() - startedAt)).isLessThan(Duration.ofSeconds(5));
        assertThat(health.healthy()).isFalse();
        assertThat(health.reason()).startsWith("Deployment promotion/web: pod web-").contains("ImagePullBackOff",
                "0 of 2 updated replicas are available", "not healthy after");
        // The time waited, not truncated to whole seconds: 1.5 s is not "1 s".
        assertThat(health.reason()).containsPattern("not healthy after 1\\.\\d s");
    }

    @Test
    void aWatchClosedMidWaitIsResumedAndSeesTheRolloutFinish() throws Exception {
        Health health = breakWatchesMidWait(false);

        assertThat(health.healthy()).as(health.reason()).isTrue();
        assertThat(cluster.sandbox.requests().count("WATCH", "/apis/apps/v1/namespaces/{namespace}/deployments"))
                .as("watched again").isGreaterThanOrEqualTo(2);
        assertThat(messages(DeployEvent.Kind.PROGRESS)).last().asString().contains("rolled out");
    }

    @Test
    void aWatchExpiredMidWaitIsListedAgainAndSeesTheRolloutFinish() throws Exception {
        Health health = breakWatchesMidWait(true);

        assertThat(health.healthy()).as(health.reason()).isTrue();
        assertThat(cluster.sandbox.requests().count("GET", "/apis/apps/v1/namespaces/{namespace}/deployments"))
                .as("listed again after 410").isGreaterThanOrEqualTo(2);
        assertThat(messages(DeployEvent.Kind.PROGRESS)).last().asString().contains("rolled out");
    }

    /** Starts a wait on a slow rollout, then closes every watch; with expiry, the watches opened next get 410. */
    private Health breakWatchesMidWait(boolean expire) throws Exception {
        start(Duration.ofMillis(2000), Duration.ofSeconds(30));
        ObjectRef web = apply(SandboxCluster.deployment("web", "nginx:1", 1));
        CompletableFuture<Health> waiting = CompletableFuture.supplyAsync(() -> await(List.of(web),
                Duration.ofSeconds(20)));
        awaitWatches(3);
        if (expire) {
            cluster.sandbox.faults().expireNextWatches(3);
        }
        cluster.sandbox.faults().closeWatches();
        return waiting.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aJobCompletesOrFails() {
        start(Duration.ofMillis(200), Duration.ofSeconds(3));
        ObjectRef done = apply(job("migrate", "migrate:1"));
        ObjectRef failed = apply(job("seed", "seed:1-fail"));

        assertThat(await(List.of(done), Duration.ofSeconds(20)).healthy()).isTrue();
        Health health = await(List.of(failed), Duration.ofSeconds(20));
        assertThat(health.healthy()).isFalse();
        // The Job's Failed condition and its failed pod arrive by two watches: whichever the wait sees first says why.
        assertThat(health.reason()).startsWith("Job promotion/seed: ").satisfiesAnyOf(
                r -> assertThat(r).contains("BackoffLimitExceeded"),
                r -> assertThat(r).contains("container seed terminated: Error (exit code 1)"));
    }

    @Test
    void anAutoscalerIsHealthyOnceItReportsOnItsTarget() {
        start(Duration.ofMillis(200), Duration.ofSeconds(3));
        ObjectRef web = apply(SandboxCluster.deployment("web", "nginx:1", null));
        ObjectRef hpa = apply(SandboxCluster.manifest("autoscaling/v2", "HorizontalPodAutoscaler", "web", Map.of(),
                "spec", Map.of("scaleTargetRef", Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", "web"),
                        "minReplicas", 2, "maxReplicas", 4)));

        Health health = await(List.of(web, hpa), Duration.ofSeconds(20));

        assertThat(health.healthy()).as(health.reason()).isTrue();
        assertThat(messages(DeployEvent.Kind.PROGRESS)).anyMatch(m -> m.startsWith(
                "HorizontalPodAutoscaler promotion/web: scaling Deployment web: "));
        assertThat(cluster.admin.apps().deployments().inNamespace(SandboxCluster.NS).withName("web").get()
                .getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void aForbiddenWatchIsAClusterError() {
        start(Duration.ofMillis(200), Duration.ofSeconds(3));
        ObjectRef web = apply(SandboxCluster.deployment("web", "nginx:1", 1));
        cluster.sandbox.faults().forbid("list", "deployments", null);

        assertThatThrownBy(() -> await(List.of(web), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessageStartingWith("forbidden: watch Deployment objects in namespace promotion in context "
                        + "beta-cluster: deployments.apps is forbidden: User \"paycli-sandbox\" cannot list");
    }

    @Test
    void aRefusedWatchOnTheWorkloadsIsAClusterError() {
        start(Duration.ofMillis(200), Duration.ofSeconds(3));
        ObjectRef web = apply(SandboxCluster.deployment("web", "nginx:1", 1));
        cluster.sandbox.faults().forbid("watch", "deployments", null);

        assertThatThrownBy(() -> await(List.of(web), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessageStartingWith("forbidden: watch Deployment objects in namespace promotion in context "
                        + "beta-cluster");
    }

    private void awaitWatches(int count) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (cluster.sandbox.requests().byRoute().entrySet().stream().filter(e -> e.getKey().startsWith("WATCH"))
                .mapToLong(Map.Entry::getValue).sum() < count) {
            assertThat(System.nanoTime()).as("watches opened").isLessThan(end);
            Thread.sleep(20);
        }
    }

    private static Manifest job(String name, String image) {
        return SandboxCluster.manifest("batch/v1", "Job", name, Map.of(), "spec", Map.of("backoffLimit", 0,
                "template", Map.of("spec", Map.of("restartPolicy", "Never", "containers",
                        List.of(Map.of("name", name, "image", image))))));
    }
}
