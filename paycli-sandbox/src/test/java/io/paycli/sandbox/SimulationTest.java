package io.paycli.sandbox;

import static io.paycli.sandbox.WatchTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The simulated controllers: rollouts, failing pods, Jobs, HPAs and the scale subresource. */
class SimulationTest {

    private Sandbox sandbox;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofMillis(700)));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").withNamespace("default").build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private static Deployment deployment(String name, String image, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private Deployment apply(Deployment deployment) {
        return client.apps().deployments().inNamespace("default").resource(deployment).fieldManager("paycli")
                .forceConflicts().serverSideApply();
    }

    private Deployment get(String name) {
        return client.apps().deployments().inNamespace("default").withName(name).get();
    }

    private static String condition(Deployment deployment, String type) {
        List<DeploymentCondition> conditions = deployment.getStatus() == null ? List.of()
                : deployment.getStatus().getConditions();
        return conditions.stream().filter(c -> c.getType().equals(type)).map(c -> c.getStatus() + "/" + c.getReason())
                .findFirst().orElse("");
    }

    @Test
    void aHealthyDeploymentBecomesAvailableWithReadyPods() throws Exception {
        Deployment applied = apply(deployment("web", "nginx:1.27", 2));
        assertThat(applied.getMetadata().getGeneration()).isEqualTo(1L);
        assertThat(applied.getMetadata().getUid()).isNotEmpty();

        await(() -> get("web").getStatus() != null && Integer.valueOf(2).equals(get("web").getStatus()
                .getAvailableReplicas()));
        Deployment ready = get("web");
        assertThat(ready.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(ready.getStatus().getUpdatedReplicas()).isEqualTo(2);
        assertThat(ready.getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(condition(ready, "Available")).isEqualTo("True/MinimumReplicasAvailable");
        assertThat(condition(ready, "Progressing")).isEqualTo("True/NewReplicaSetAvailable");

        List<Pod> pods = client.pods().inNamespace("default").withLabel("app", "web").list().getItems();
        assertThat(pods).hasSize(2).allSatisfy(pod -> {
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus().getContainerStatuses().get(0).getReady()).isTrue();
        });

        apply(deployment("web", "nginx:1.28", 2));
        assertThat(get("web").getMetadata().getGeneration()).isEqualTo(2L);
        await(() -> get("web").getStatus().getObservedGeneration() == 2L);
        await(() -> client.pods().inNamespace("default").withLabel("app", "web").list().getItems().stream()
                .allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("nginx:1.28")));

        client.apps().deployments().inNamespace("default").withName("web").delete();
        await(() -> client.pods().inNamespace("default").withLabel("app", "web").list().getItems().isEmpty());
    }

    @Test
    void aFailingImageExplainsItselfAndMissesTheDeadline() throws Exception {
        apply(deployment("web", "nginx:2.0-fail", 1));

        await(() -> condition(get("web"), "Progressing").equals("False/ProgressDeadlineExceeded"));
        Deployment failed = get("web");
        assertThat(failed.getStatus().getUpdatedReplicas()).isEqualTo(1);
        assertThat(failed.getStatus().getAvailableReplicas()).isZero();

        Pod pod = client.pods().inNamespace("default").withLabel("app", "web").list().getItems().get(0);
        assertThat(pod.getStatus().getContainerStatuses().get(0).getState().getWaiting().getReason())
                .isEqualTo("CrashLoopBackOff");
        List<Event> events = client.v1().events().inNamespace("default")
                .withField("involvedObject.name", pod.getMetadata().getName()).list().getItems();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getType()).isEqualTo("Warning");
        assertThat(events.get(0).getReason()).isEqualTo("BackOff");
    }

    @Test
    void anEventWrittenThroughEventsK8sIoIsReadThroughCoreV1() throws Exception {
        String body = """
                {"apiVersion": "events.k8s.io/v1", "kind": "Event",
                 "metadata": {"name": "web-1.series", "namespace": "default"},
                 "regarding": {"apiVersion": "v1", "kind": "Pod", "name": "web-1", "namespace": "default"},
                 "reason": "FailedMount", "note": "configmap \\"web-config\\" not found", "type": "Warning",
                 "eventTime": "2026-12-01T10:00:00.000000Z", "reportingController": "kubelet",
                 "reportingInstance": "node-1", "action": "Mount",
                 "series": {"count": 3, "lastObservedTime": "2026-12-01T10:05:00.000000Z"}}
                """;
        Http http = new Http(sandbox.url());
        assertThat(http.post("/apis/events.k8s.io/v1/namespaces/default/events", body).code()).isEqualTo(201);

        List<Event> events = client.v1().events().inNamespace("default")
                .withField("involvedObject.name", "web-1").list().getItems();

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getApiVersion()).isEqualTo("v1");
            assertThat(e.getMessage()).isEqualTo("configmap \"web-config\" not found");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("Pod");
            assertThat(e.getReportingComponent()).isEqualTo("kubelet");
            assertThat(e.getSeries().getLastObservedTime().getTime()).isEqualTo("2026-12-01T10:05:00.000000Z");
            assertThat(e.getLastTimestamp()).isNull();
        });
        Map<String, Object> raw = http.get("/api/v1/namespaces/default/events/web-1.series").json();
        assertThat(raw).containsEntry("apiVersion", "v1").containsKey("involvedObject").doesNotContainKey("regarding");
    }

    @Test
    void aJobCompletes() throws Exception {
        Job job = new JobBuilder().withNewMetadata().withName("migrate").endMetadata().withNewSpec().withNewTemplate()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("m").withImage("migrate:1")
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().inNamespace("default").resource(job).create();

        await(() -> {
            Job current = client.batch().v1().jobs().inNamespace("default").withName("migrate").get();
            return current.getStatus() != null && Integer.valueOf(1).equals(current.getStatus().getSucceeded());
        });
        Job done = client.batch().v1().jobs().inNamespace("default").withName("migrate").get();
        assertThat(done.getStatus().getConditions()).anySatisfy(c -> {
            assertThat(c.getType()).isEqualTo("Complete");
            assertThat(c.getStatus()).isEqualTo("True");
        });
    }

    @Test
    void aJobWithAFailingImageFails() throws Exception {
        // backoffLimit 0: with the default of 6 a real Job fails only after its seventh failed pod.
        Job job = new JobBuilder().withNewMetadata().withName("broken").endMetadata().withNewSpec().withBackoffLimit(0)
                .withNewTemplate()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("m").withImage("migrate:fail")
                .endContainer().endSpec().endTemplate().endSpec().build();
        client.batch().v1().jobs().inNamespace("default").resource(job).create();

        await(() -> {
            Job current = client.batch().v1().jobs().inNamespace("default").withName("broken").get();
            return current.getStatus() != null && Integer.valueOf(1).equals(current.getStatus().getFailed());
        });
        Job failed = client.batch().v1().jobs().inNamespace("default").withName("broken").get();
        assertThat(failed.getStatus().getSucceeded()).isNull();
        assertThat(failed.getStatus().getConditions()).anySatisfy(c -> assertThat(c.getType()).isEqualTo("Failed"));
    }

    @Test
    void anHpaKeepsItsTargetWithinBoundsAndOwnsReplicas() throws Exception {
        apply(deployment("web", "nginx:1", 1));
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").resource(
                new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName("web")
                        .endScaleTargetRef().withMinReplicas(3).withMaxReplicas(5).endSpec().build()).create();

        await(() -> get("web").getSpec().getReplicas() == 3);
        await(() -> {
            var hpa = client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").withName("web").get();
            return hpa.getStatus() != null && Integer.valueOf(3).equals(hpa.getStatus().getDesiredReplicas());
        });
        assertThat(get("web").getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("kube-controller-manager");
            assertThat(m.getOperation()).isEqualTo("Update");
            assertThat(Json.write(m.getFieldsV1().getAdditionalProperties())).contains("f:replicas");
        });

        // paycli stops sending replicas: the controller still owns them, so they stay.
        Deployment withoutReplicas = deployment("web", "nginx:1", 1);
        withoutReplicas.getSpec().setReplicas(null);
        assertThat(apply(withoutReplicas).getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void theScaleSubresourceReadsAndWritesReplicas() throws Exception {
        apply(deployment("web", "nginx:1", 1));

        client.apps().deployments().inNamespace("default").withName("web").scale(4);

        assertThat(get("web").getSpec().getReplicas()).isEqualTo(4);
        var scale = client.apps().deployments().inNamespace("default").withName("web").scale();
        assertThat(scale.getSpec().getReplicas()).isEqualTo(4);
        await(() -> client.pods().inNamespace("default").withLabel("app", "web").list().getItems().size() == 4);
        Map<String, Object> raw = new Http(sandbox.url()).get("/apis/apps/v1/namespaces/default/deployments/web/scale")
                .json();
        assertThat(Json.string(raw, "status", "selector")).isEqualTo("app=web");
    }
}
