package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Manifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adoption of objects that kubectl apply (client side) made or changed: their fields move to paycli, so that an
 * apply removes what the render no longer has (kubernetes/kubernetes#99003).
 */
class AdoptionTest {

    @TempDir
    Path dir;
    private SandboxCluster cluster;

    @BeforeEach
    void start() {
        cluster = SandboxCluster.start(dir);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Deployment live(String name) {
        return cluster.admin.apps().deployments().inNamespace(SandboxCluster.NS).withName(name).get();
    }

    /** What kubectl apply (client side) sends for a new object: a create under its manager, with its annotation. */
    @SuppressWarnings("unchecked")
    private void kubectlApply(Manifest manifest, Map<String, Object> extraEnv, Map<String, String> extraLabels) {
        Map<String, Object> body = Applier.intent(manifest);
        Map<String, Object> metadata = (Map<String, Object>) body.get("metadata");
        Map<String, Object> labels = new LinkedHashMap<>((Map<String, Object>) metadata.get("labels"));
        labels.putAll(extraLabels);
        metadata.put("labels", labels);
        metadata.put("annotations", Map.of("kubectl.kubernetes.io/last-applied-configuration", "{}"));
        Map<String, Object> template = (Map<String, Object>) ((Map<String, Object>) body.get("spec")).get("template");
        Map<String, Object> podSpec = new LinkedHashMap<>((Map<String, Object>) template.get("spec"));
        Map<String, Object> container = new LinkedHashMap<>(((List<Map<String, Object>>) podSpec.get("containers")).get(0));
        container.put("env", List.of(extraEnv));
        podSpec.put("containers", List.of(container));
        ((Map<String, Object>) body.get("spec")).put("template", Map.of("metadata", template.get("metadata"),
                "spec", podSpec));
        cluster.send("POST", "/apis/apps/v1/namespaces/" + SandboxCluster.NS
                + "/deployments?fieldManager=kubectl-client-side-apply", "application/json",
                cluster.admin.getKubernetesSerialization().asJson(body));
    }

    @Test
    void adoptsAnObjectMadeByKubectlApplySoThatWhatItNoLongerRendersGoes() {
        kubectlApply(SandboxCluster.deployment("web", "nginx:1", 2), Map.of("name", "EXTRA", "value", "x"),
                Map.of("team", "a"));

        cluster.requests.clear();
        List<DeployEvent> events = new ArrayList<>();

        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:2", 2), false, events::add);

        Deployment live = live("web");
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:2");
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .as("kubernetes/kubernetes#99003: kubectl-client-side-apply must not keep what paycli stopped rendering")
                .isEmpty();
        assertThat(live.getMetadata().getLabels()).doesNotContainKey("team");
        assertThat(live.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(live.getMetadata().getManagedFields()).extracting(m -> m.getManager()).containsExactly("paycli");
        assertThat(events).extracting(DeployEvent::message).singleElement().asString()
                .matches("adopted from kubectl apply: \\d+ fields moved to paycli");
        String path = "/apis/apps/v1/namespaces/promotion/deployments/web?fieldManager=paycli";
        // Apply, adopt, apply again; the Deployment's status may change in between, and then the adoption reads
        // the object again once for each 409.
        assertThat(cluster.requests.get(0)).isEqualTo("PATCH " + path + "&force=true");
        assertThat(cluster.requests.get(cluster.requests.size() - 1)).isEqualTo("PATCH " + path + "&force=true");
        assertThat(cluster.requests).filteredOn(r -> r.equals("PATCH " + path)).hasSize(
                cluster.requests("GET", "/deployments/web").size() + 1);
        assertThat(cluster.requests).filteredOn(r -> r.endsWith("force=true")).hasSize(2);

        cluster.requests.clear();
        events.clear();
        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:2", 2), false, events::add);
        assertThat(events).as("adopted once").isEmpty();
        assertThat(cluster.requests).hasSize(1);
    }

    @Test
    void aPlainApplyAdoptsNothingSoANamespaceKeepsWhatKubectlApplySet() {
        cluster.send("POST", "/api/v1/namespaces?fieldManager=kubectl-client-side-apply", "application/json",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"shared\","
                        + "\"labels\":{\"istio-injection\":\"enabled\"},\"annotations\":"
                        + "{\"kubectl.kubernetes.io/last-applied-configuration\":\"{}\"}}}");
        Manifest namespace = new Manifest("v1", "Namespace", null, "shared", new LinkedHashMap<>(Map.of(
                "metadata", Map.of("labels", Map.of("app.kubernetes.io/managed-by", "paycli")))), "test");

        cluster.gateway.apply(namespace, false);
        cluster.gateway.apply(namespace, false);

        assertThat(cluster.admin.namespaces().withName("shared").get().getMetadata().getLabels())
                .containsEntry("istio-injection", "enabled");
        assertThat(cluster.requests).hasSize(2);
    }

    @Test
    void adoptsWhatAnObjectWithoutAFieldRecordHadBeforeTheFirstApply() {
        kubectlApply(SandboxCluster.deployment("web", "nginx:1", 2), Map.of("name", "EXTRA", "value", "x"), Map.of());
        // An object whose record was cleared (or that predates field tracking): the server files its fields
        // under before-first-apply when the first apply comes.
        cluster.send("PATCH", "/apis/apps/v1/namespaces/" + SandboxCluster.NS + "/deployments/web",
                "application/json-patch+json", "[{\"op\":\"replace\",\"path\":\"/metadata/managedFields\","
                        + "\"value\":[{}]}]");
        List<DeployEvent> events = new ArrayList<>();

        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 2), false, events::add);

        Deployment live = live("web");
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).isEmpty();
        assertThat(live.getMetadata().getManagedFields()).extracting(m -> m.getManager()).containsExactly("paycli");
        assertThat(events).hasSize(1);
    }

    @Test
    void theAdoptionReadsAgainWhenTheObjectChangedMeanwhile() {
        kubectlApply(SandboxCluster.deployment("web", "nginx:1", 2), Map.of("name", "EXTRA", "value", "x"), Map.of());
        // Someone writes between paycli's apply and its adoption patch: the patch gets 409 and is made again.
        cluster.beforeRequest = request -> {
            if (request.startsWith("PATCH") && !request.contains("force=true")) {
                cluster.beforeRequest = r -> { };
                cluster.send("PATCH", "/apis/apps/v1/namespaces/" + SandboxCluster.NS
                        + "/deployments/web?fieldManager=someone", "application/merge-patch+json",
                        "{\"metadata\":{\"labels\":{\"touched\":\"yes\"}}}");
            }
        };

        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:2", 2), false, e -> { });

        Deployment live = live("web");
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).isEmpty();
        assertThat(live.getMetadata().getLabels()).containsEntry("touched", "yes");
        List<String> adoptions = cluster.requests.stream().filter(r -> r.startsWith("PATCH")
                && r.endsWith("fieldManager=paycli")).toList();
        assertThat(adoptions).hasSizeGreaterThanOrEqualTo(2);
        assertThat(cluster.requests("GET", "/deployments/web")).hasSize(adoptions.size() - 1);
    }

    @Test
    void anAutoscaledWorkloadMadeByKubectlApplyKeepsItsCountWhenAdopted() {
        kubectlApply(SandboxCluster.deployment("web", "nginx:1", 4), Map.of("name", "EXTRA", "value", "x"), Map.of());

        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", null), false, e -> { });

        Deployment live = live("web");
        assertThat(live.getSpec().getReplicas()).isEqualTo(4);
        assertThat(live.getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo(Applier.HANDOVER_MANAGER);
            assertThat(String.valueOf(m.getFieldsV1().getAdditionalProperties())).contains("f:replicas");
        });
    }
}
