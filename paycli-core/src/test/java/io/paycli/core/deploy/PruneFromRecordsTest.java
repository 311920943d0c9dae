package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import io.paycli.core.render.Labels;
import io.paycli.core.render.ManifestYaml;
import io.paycli.sandbox.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pruning from the release records: what the revision in place had and the next one no longer has. */
class PruneFromRecordsTest {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    SandboxFixture cluster;
    Path web;

    @BeforeEach
    void start() {
        cluster = new SandboxFixture(tmp);
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private DeployResult deploy(String tag, String... sets) {
        return cluster.service.deploy(request(web, "beta", tag, sets), options(), cluster.events::add);
    }

    private Ingress ingress() {
        return cluster.client.network().v1().ingresses().inNamespace(NS).withName("campaign-web").get();
    }

    @Test
    void anObjectWhoseLabelsSomeoneChangedIsNotDeleted() {
        deploy("1.0.0");
        cluster.client.network().v1().ingresses().inNamespace(NS).withName("campaign-web")
                .edit(i -> {
                    i.getMetadata().getLabels().put(Labels.INSTANCE, "taken-over");
                    return i;
                });

        DeployResult result = deploy("1.0.0", "ingress.enabled=false");

        assertThat(result.pruned()).isEmpty();
        assertThat(ingress()).isNotNull();
        assertThat(cluster.events).anySatisfy(e -> assertThat(e.message()).contains("kept: its labels no longer say"));
    }

    @Test
    void aFirstDeployPrunesNothingEvenWhenLabelledObjectsAreThere() {
        Map<String, String> labels = Labels.inventory("campaign-web", "beta");
        cluster.client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("left-over").withLabels(labels).endMetadata().build()).create();

        DeployResult result = deploy("1.0.0");

        assertThat(result.pruned()).isEmpty();
        assertThat(cluster.client.configMaps().inNamespace(NS).withName("left-over").get()).isNotNull();
    }

    @Test
    void anAutomaticRollbackKeepsTheConfigMapsOfEarlierSuccessfulRevisions() throws Exception {
        Path config = web.resolve("config/beta/messages.properties");
        deploy("1.0.0");
        Files.writeString(config, Files.readString(config) + "\nsecond=2\n");
        deploy("1.1.0");
        List<String> good = configMaps();
        assertThat(good).hasSize(2);
        Files.writeString(config, Files.readString(config) + "\nthird=3\n");

        assertThatThrownBy(() -> deploy("2.0.0-fail")).isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("rolled back to revision 2");

        // The failed release's ConfigMap goes; those of the two successful revisions stay.
        assertThat(configMaps()).containsExactlyInAnyOrderElementsOf(good);
    }

    @Test
    void aConfigMapALiveWorkloadOfTheAppStillMountsIsKeptUntilNothingMountsIt() throws Exception {
        Path config = web.resolve("config/beta/messages.properties");
        deploy("1.0.0");
        List<String> first = configMaps();
        Files.writeString(config, Files.readString(config) + "\nsecond=2\n");
        assertThatThrownBy(() -> deploy("2.0.0-fail")).isInstanceOf(DeployFailedException.class);
        // The records prune the failed revision's ConfigMap: nothing of the app mounts it yet.
        assertThat(configMaps()).isEqualTo(first);
        String name = ManifestYaml.readManifests(cluster.service.history(request(web, "beta", null)).releases()
                .get(0).manifests(), "failed").stream().filter(m -> m.kind().equals("ConfigMap")).findFirst()
                .orElseThrow().name();
        assertThat(first).doesNotContain(name);
        Deployment other = new DeploymentBuilder().withNewMetadata().withName("campaign-web-green")
                .withLabels(Labels.inventory("campaign-web", "beta")).endMetadata()
                .withNewSpec().withReplicas(0).withNewSelector().addToMatchLabels("colour", "green").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("colour", "green").endMetadata().withNewSpec()
                .addNewContainer().withName("web").withImage("registry.example.com/campaign-web:1.0.0")
                .addNewEnvFrom().withNewConfigMapRef().withName(name).endConfigMapRef().endEnvFrom().endContainer()
                .endSpec().endTemplate().endSpec().build();
        cluster.client.apps().deployments().inNamespace(NS).resource(other).create();

        assertThatThrownBy(() -> deploy("2.0.0-fail")).isInstanceOf(DeployFailedException.class);

        assertThat(configMaps()).contains(name);
        assertThat(cluster.events).anyMatch(e -> e.toString().contains("mounted by a live workload"));

        cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web-green").delete();
        assertThatThrownBy(() -> deploy("2.0.0-fail")).isInstanceOf(DeployFailedException.class);

        assertThat(configMaps()).isEqualTo(first);
    }

    @Test
    void paycliRollbackPrunesWhatTheTargetDoesNotHave() {
        deploy("1.0.0", "ingress.enabled=false");
        deploy("1.1.0");
        assertThat(ingress()).isNotNull();

        DeployResult back = cluster.service.rollback(request(web, "beta", null), 1, options(), cluster.events::add);

        assertThat(back.pruned()).extracting(ObjectRef::kind).containsExactly("Ingress");
        assertThat(ingress()).isNull();
        assertThat(configMaps()).hasSize(1);
    }

    @Test
    void aPvcAndACustomResourceDroppedFromTheRenderArePruned() throws Exception {
        cluster.client.apiextensions().v1().customResourceDefinitions().load(new java.io.ByteArrayInputStream(
                CRD.getBytes(java.nio.charset.StandardCharsets.UTF_8))).create();
        cluster.client.apiextensions().v1().customResourceDefinitions().withName("widgets.example.com")
                .waitUntilCondition(crd -> crd != null && crd.getStatus() != null
                        && crd.getStatus().getConditions() != null && crd.getStatus().getConditions().stream()
                                .anyMatch(c -> c.getType().equals("Established") && c.getStatus().equals("True")),
                        10, java.util.concurrent.TimeUnit.SECONDS);
        Manifest config = manifest("v1", "ConfigMap", "settings", Map.of("data", Map.of("a", "1")));
        Manifest claim = manifest("v1", "PersistentVolumeClaim", "data", Map.of("spec", Map.of(
                "accessModes", List.of("ReadWriteOnce"), "resources", Map.of("requests", Map.of("storage", "1Gi")))));
        Manifest widget = manifest("example.com/v1", "Widget", "gadget", Map.of("spec", Map.of("size", 1)));

        try (ClusterGateway gateway = new KubeconfigConnector(cluster.kubeconfig).connect(Sandbox.DEFAULT_CONTEXT)) {
            run(gateway, List.of(config, claim, widget));
            assertThat(cluster.client.persistentVolumeClaims().inNamespace(NS).withName("data").get()).isNotNull();

            DeployResult second = run(gateway, List.of(config));

            assertThat(second.pruned()).extracting(ObjectRef::kind)
                    .containsExactlyInAnyOrder("PersistentVolumeClaim", "Widget");
        }
        assertThat(cluster.client.persistentVolumeClaims().inNamespace(NS).withName("data").get()).isNull();
        ResourceDefinitionContext widgets = new ResourceDefinitionContext.Builder().withGroup("example.com")
                .withVersion("v1").withPlural("widgets").withKind("Widget").withNamespaced(true).build();
        List<GenericKubernetesResource> left = cluster.client.genericKubernetesResources(widgets).inNamespace(NS)
                .list().getItems();
        assertThat(left).isEmpty();
    }

    private DeployResult run(ClusterGateway gateway, List<Manifest> manifests) {
        Release next = new Release("gadgets", "beta", NS, 0, "1", "img", "custom", "1", "c", "h", "tester",
                Instant.now(), 0, Release.Result.FAILED, "deployed", ManifestYaml.write(manifests));
        return new ReleasePipeline(gateway, options(), (DeployEvent e) -> { }, Clock.systemUTC())
                .run(next, manifests, "tester@test");
    }

    private static Manifest manifest(String apiVersion, String kind, String name, Map<String, Object> rest) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", apiVersion);
        body.put("kind", kind);
        body.put("metadata", Map.of("name", name, "namespace", NS, "labels", Labels.inventory("gadgets", "beta")));
        body.putAll(rest);
        return new Manifest(apiVersion, kind, NS, name, body, "test");
    }

    private List<String> configMaps() {
        return cluster.client.configMaps().inNamespace(NS).withLabel(Labels.INSTANCE, "campaign-web").list()
                .getItems().stream().map(ConfigMap::getMetadata).map(m -> m.getName()).sorted().toList();
    }

    private static final String CRD = String.join("\n",
            "apiVersion: apiextensions.k8s.io/v1",
            "kind: CustomResourceDefinition",
            "metadata: {name: widgets.example.com}",
            "spec:",
            "  group: example.com",
            "  scope: Namespaced",
            "  names: {plural: widgets, singular: widget, kind: Widget}",
            "  versions:",
            "  - name: v1",
            "    served: true",
            "    storage: true",
            "    schema:",
            "      openAPIV3Schema:",
            "        type: object",
            "        x-kubernetes-preserve-unknown-fields: true",
            "");
}
