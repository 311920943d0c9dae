package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.ObjectRef;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A wait on a real cluster: without rights on pods or events, next to other apps, on a paused Deployment, and with
 * events written through events.k8s.io.
 */
class WaitFaultsTest {

    @TempDir
    Path dir;
    private SandboxCluster cluster;
    private final List<DeployEvent> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        cluster = SandboxCluster.start(dir, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(200))
                .withProgressDeadline(Duration.ofMinutes(5)));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private ObjectRef apply(String name, String image) {
        cluster.gateway.apply(SandboxCluster.deployment(name, image, 1), false);
        return new ObjectRef("apps/v1", "Deployment", SandboxCluster.NS, name);
    }

    private Health await(ObjectRef target, Duration timeout) {
        return cluster.gateway.awaitHealthy(List.of(target), Instant.now().plus(timeout), events::add);
    }

    private List<String> warnings() {
        return events.stream().filter(e -> e.kind() == DeployEvent.Kind.WARNING)
                .map(e -> (e.object() == null ? "" : e.object() + ": ") + e.message()).toList();
    }

    @Test
    void withoutRightsOnPodsAndEventsTheWaitGoesOnByTheWorkloadsStatus() {
        cluster.sandbox.faults().forbid("watch", "pods", null).forbid("list", "events", null);
        ObjectRef web = apply("web", "nginx:1");

        Health health = await(web, Duration.ofSeconds(20));

        assertThat(health.healthy()).as(health.reason()).isTrue();
        assertThat(warnings()).as(events.toString()).anyMatch(w -> w.startsWith("Deployment promotion/web: cannot watch pods in namespace "
                + "promotion (forbidden): waiting by the Deployment's own status only"))
                .anyMatch(w -> w.startsWith("cannot watch events in namespace promotion (forbidden)"));
        assertThat(warnings()).filteredOn(w -> w.contains("cannot watch pods")).hasSize(1);
    }

    @Test
    void podsAreWatchedByTheWorkloadsSelectorAndOtherAppsStayOutOfTheDiagnosis() {
        ObjectRef admin = apply("web-admin", "nginx:1-fail");
        cluster.admin.v1().events().inNamespace(SandboxCluster.NS).resource(new io.fabric8.kubernetes.api.model
                .EventBuilder().withNewMetadata().withName("web-admin-rs.1").endMetadata()
                .withNewInvolvedObject().withApiVersion("apps/v1").withKind("ReplicaSet").withName("web-admin-5d8fbc9")
                .withNamespace(SandboxCluster.NS).endInvolvedObject().withType("Warning").withReason("FailedCreate")
                .withMessage("pods \"web-admin-5d8fbc9-\" is forbidden: exceeded quota")
                .withLastTimestamp(Instant.now().plusSeconds(1).toString()).build()).create();
        ObjectRef web = apply("web", "nginx:1-slow-restart");

        Health health = await(web, Duration.ofSeconds(20));

        assertThat(health.healthy()).as(health.reason()).isTrue();
        assertThat(warnings()).noneMatch(w -> w.contains("web-admin"));
        assertThat(cluster.requests("GET", "/pods")).isNotEmpty().allMatch(r -> r.contains(
                "labelSelector=app.kubernetes.io%2Fname%3Dweb"));
        assertThat(admin.name()).isEqualTo("web-admin");
    }

    @Test
    void aPausedDeploymentFailsAtOnceAndSaysHowToResume() {
        ObjectRef web = apply("web", "nginx:1");
        assertThat(await(web, Duration.ofSeconds(20)).healthy()).isTrue();
        cluster.admin.apps().deployments().inNamespace(SandboxCluster.NS).withName("web").edit(d -> {
            d.getSpec().setPaused(true);
            return d;
        });
        apply("web", "nginx:2");

        long started = System.nanoTime();
        Health health = await(web, Duration.ofSeconds(60));

        assertThat(health.healthy()).isFalse();
        assertThat(health.reason()).contains("Deployment promotion/web", "paused",
                "kubectl rollout resume deployment/web -n promotion");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void anEventWrittenThroughEventsK8sIoIsReportedByItsLastObservation() {
        ObjectRef web = apply("web", "nginx:1-fail-pull");
        String pod = awaitPodName("web");
        // Written through events.k8s.io/v1, as newer components write them: eventTime is the first occurrence,
        // series.lastObservedTime the latest; read through core/v1 it has no lastTimestamp and no count.
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("apiVersion", "events.k8s.io/v1");
        event.put("kind", "Event");
        event.put("metadata", Map.of("name", pod + ".series", "namespace", SandboxCluster.NS));
        event.put("regarding", Map.of("apiVersion", "v1", "kind", "Pod", "name", pod,
                "namespace", SandboxCluster.NS));
        event.put("type", "Warning");
        event.put("reason", "FailedMount");
        event.put("note", "MountVolume.SetUp failed for volume \"config\": configmap \"web-config\" not found");
        event.put("eventTime", microTime(Instant.now().minusSeconds(3600)));
        event.put("series", Map.of("count", 12, "lastObservedTime", microTime(Instant.now().plusSeconds(1))));
        event.put("reportingController", "kubelet");
        event.put("reportingInstance", "sandbox-node");
        event.put("action", "Mount");
        cluster.admin.genericKubernetesResources("events.k8s.io/v1", "Event").inNamespace(SandboxCluster.NS)
                .resource(cluster.admin.getKubernetesSerialization().convertValue(event,
                        io.fabric8.kubernetes.api.model.GenericKubernetesResource.class)).create();

        Health health = await(web, Duration.ofSeconds(5));

        assertThat(health.healthy()).isFalse();
        assertThat(warnings()).anyMatch(w -> w.contains("Warning FailedMount pod/" + pod + ": MountVolume.SetUp"));
    }

    private static String microTime(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace("Z", ".000000Z");
    }

    private String awaitPodName(String app) {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < end) {
            var pods = cluster.admin.pods().inNamespace(SandboxCluster.NS).withLabel("app.kubernetes.io/name", app)
                    .list().getItems();
            if (!pods.isEmpty()) {
                return pods.get(0).getMetadata().getName();
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no pod of " + app);
    }
}
