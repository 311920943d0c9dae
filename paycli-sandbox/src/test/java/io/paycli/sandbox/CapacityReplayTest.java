package io.paycli.sandbox;

import static io.paycli.sandbox.WatchTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The capacity replay over hand-made blue-green moves, made through the API as a client would. */
class CapacityReplayTest {

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

    private void colour(String colour, int replicas) throws Exception {
        String name = "web-" + colour;
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", "web").addToMatchLabels("colour", colour).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").addToLabels("colour", colour)
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("nginx:1.27").endContainer()
                .endSpec().endTemplate().endSpec().build();
        client.apps().deployments().inNamespace("default").resource(deployment).fieldManager("paycli")
                .forceConflicts().serverSideApply();
        await(() -> ready(name) == replicas);
    }

    private int ready(String name) {
        Deployment deployment = client.apps().deployments().inNamespace("default").withName(name).get();
        Integer ready = deployment.getStatus() == null ? null : deployment.getStatus().getReadyReplicas();
        return ready == null ? 0 : ready;
    }

    private void service(String colour) {
        client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .endMetadata().withNewSpec().addToSelector(Map.of("app", "web", "colour", colour)).addNewPort()
                .withPort(80).endPort().endSpec().build()).fieldManager("paycli").forceConflicts().serverSideApply();
    }

    private void switchTo(String colour) {
        client.services().inNamespace("default").withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"spec\":{\"selector\":{\"colour\":\"" + colour + "\"}}}");
    }

    private List<String> findings() {
        return CapacityReplay.findings(sandbox.timeline(), "default", "web");
    }

    @Test
    void aSwitchToAColourWithAsManyReadyPodsLosesNothing() throws Exception {
        colour("blue", 3);
        service("blue");
        colour("green", 3);
        switchTo("green");
        client.apps().deployments().inNamespace("default").withName("web-green").scale(4);

        assertThat(findings()).isEmpty();
    }

    @Test
    void aSwitchToAColourWithFewerReadyPodsIsFound() throws Exception {
        colour("blue", 3);
        service("blue");
        colour("green", 2);
        switchTo("green");

        List<String> findings = findings();
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0)).contains("patch Service default/web by fabric8-kubernetes-client")
                .contains("web-green: 2 ready").contains("web-blue: 3 ready");
    }

    @Test
    void scalingADeploymentThatServedTrafficToOneIsFound() throws Exception {
        colour("blue", 3);
        colour("green", 3);
        service("blue");
        client.apps().deployments().inNamespace("default").withName("web-green").scale(1);
        await(() -> ready("web-green") == 1);
        assertThat(findings()).as("green never served traffic").isEmpty();

        switchTo("green");
        client.apps().deployments().inNamespace("default").withName("web-blue").scale(1);

        List<String> findings = findings();
        assertThat(findings).hasSize(2);
        assertThat(findings.get(0)).contains("web-green: 1 ready").contains("web-blue: 3 ready");
        assertThat(findings.get(1)).contains("scale apps/Deployment default/web-blue by fabric8-kubernetes-client")
                .contains("spec.replicas 3 -> 1");
    }
}
