package io.paycli.sandbox;

import static io.paycli.sandbox.WatchTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.fabric8.kubernetes.api.model.ManagedFieldsEntry;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HorizontalPodAutoscaler controller as blue-green relies on it: one target, through the scale subresource. */
class AutoscalerTest {

    private Sandbox sandbox;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(50)));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").withNamespace("default").build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private void deployment(String name, int replicas) {
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec()
                .endTemplate().endSpec().build();
        client.apps().deployments().inNamespace("default").resource(deployment).fieldManager("paycli")
                .forceConflicts().serverSideApply();
    }

    private void hpa(String target, int min, int max) {
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").resource(
                new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").endMetadata().withNewSpec()
                        .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(target)
                        .endScaleTargetRef().withMinReplicas(min).withMaxReplicas(max).endSpec().build())
                .fieldManager("paycli").forceConflicts().serverSideApply();
    }

    private int replicas(String name) {
        return client.apps().deployments().inNamespace("default").withName(name).get().getSpec().getReplicas();
    }

    private HorizontalPodAutoscaler currentHpa() {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("default").withName("web").get();
    }

    @Test
    void theAutoscalerScalesItsTargetThroughTheScaleSubresource() throws Exception {
        deployment("web-blue", 1);
        deployment("web-green", 1);
        hpa("web-blue", 3, 5);

        await(() -> replicas("web-blue") == 3);
        assertThat(replicas("web-green")).isEqualTo(1);
        List<ManagedFieldsEntry> managed = client.apps().deployments().inNamespace("default").withName("web-blue")
                .get().getMetadata().getManagedFields();
        assertThat(managed).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("kube-controller-manager");
            assertThat(m.getOperation()).isEqualTo("Update");
            assertThat(m.getSubresource()).isEqualTo("scale");
            assertThat(Json.write(m.getFieldsV1().getAdditionalProperties())).isEqualTo("{\"f:spec\":{\"f:replicas\":{}}}");
        });
        assertThat(managed).filteredOn(m -> m.getManager().equals("paycli"))
                .allSatisfy(m -> assertThat(Json.write(m.getFieldsV1().getAdditionalProperties()))
                        .doesNotContain("f:replicas"));
        assertThat(sandbox.timeline()).anyMatch(e -> e.name().equals("web-blue") && e.actor().equals(
                "kube-controller-manager") && e.verb().equals("update") && "scale".equals(e.subresource()));

        Deployment again = client.apps().deployments().inNamespace("default").withName("web-blue").get();
        again.getMetadata().setManagedFields(null);
        again.getMetadata().setResourceVersion(null);
        again.setStatus(null);
        again.getSpec().setReplicas(2);
        assertThatThrownBy(() -> client.apps().deployments().inNamespace("default").resource(again)
                .fieldManager("paycli").serverSideApply()).hasMessageContaining("conflict with "
                        + "\"kube-controller-manager\" with subresource \"scale\" using apps/v1: .spec.replicas");
    }

    @Test
    void aNewScaleTargetIsScaledAndTheOldOneKeepsItsCount() throws Exception {
        deployment("web-blue", 1);
        deployment("web-green", 1);
        hpa("web-blue", 3, 5);
        await(() -> replicas("web-blue") == 3);

        hpa("web-green", 3, 5);
        await(() -> replicas("web-green") == 3);
        hpa("web-green", 4, 5);
        await(() -> replicas("web-green") == 4);

        assertThat(replicas("web-blue")).isEqualTo(3);
    }

    @Test
    void theAutoscalerFollowsMinAndMaxChanges() throws Exception {
        deployment("web", 2);
        hpa("web", 2, 6);
        await(() -> currentHpa().getStatus() != null && Integer.valueOf(2).equals(currentHpa().getStatus()
                .getDesiredReplicas()));
        assertThat(replicas("web")).isEqualTo(2);

        hpa("web", 5, 6);
        await(() -> replicas("web") == 5);
        hpa("web", 2, 3);
        await(() -> replicas("web") == 3);

        client.apps().deployments().inNamespace("default").withName("web").scale(9);
        await(() -> replicas("web") == 3);
    }

    @Test
    void theAutoscalerTakesReplicasOnlyWhenItChangesThem() throws Exception {
        // As a real autoscaler: a count already within bounds is not written, so its writer keeps owning it, and
        // letting go of it then would reset the Deployment to the default of 1.
        deployment("web", 3);
        hpa("web", 2, 5);
        await(() -> currentHpa().getStatus() != null && Integer.valueOf(3).equals(currentHpa().getStatus()
                .getDesiredReplicas()));

        assertThat(client.apps().deployments().inNamespace("default").withName("web").get().getMetadata()
                .getManagedFields()).noneMatch(m -> "scale".equals(m.getSubresource()))
                .anyMatch(m -> m.getManager().equals("paycli")
                        && Json.write(m.getFieldsV1().getAdditionalProperties()).contains("f:replicas"));
    }

    @Test
    void aTargetScaledToZeroIsLeftAloneAsARealAutoscalerDoes() throws Exception {
        deployment("web", 0);
        hpa("web", 2, 4);

        await(() -> currentHpa().getStatus() != null && currentHpa().getStatus().getConditions() != null
                && currentHpa().getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("ScalingActive")
                        && c.getStatus().equals("False") && c.getReason().equals("ScalingDisabled")));
        assertThat(replicas("web")).isZero();
        assertThat(currentHpa().getStatus().getDesiredReplicas()).isZero();
    }
}
