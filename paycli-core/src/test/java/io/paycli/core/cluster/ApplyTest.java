package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.paycli.core.model.Manifest;
import io.paycli.core.model.ObjectRef;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server-side apply, the replicas handover, and the label inventory. */
class ApplyTest {

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

    @Test
    void createsAndUpdatesWithOnePatchEachUnderThePaycliManager() {
        Map<String, Object> created = cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 2), false);
        Map<String, Object> updated = cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:2", 2), false);

        assertThat(Fields.string(created, "metadata", "uid")).isNotNull();
        assertThat(Fields.number(updated, 0, "metadata", "generation")).isEqualTo(2);
        assertThat(live("web").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .isEqualTo("nginx:2");
        assertThat(cluster.requests).containsExactly(
                "PATCH /apis/apps/v1/namespaces/promotion/deployments/web?fieldManager=paycli&force=true",
                "PATCH /apis/apps/v1/namespaces/promotion/deployments/web?fieldManager=paycli&force=true");
        assertThat(Fields.maps(updated, "metadata", "managedFields")).extracting(m -> m.get("manager"))
                .containsExactly("paycli");
    }

    @Test
    void appliesClusterScopedKinds() {
        Manifest namespace = new Manifest("v1", "Namespace", null, "campaign", new java.util.LinkedHashMap<>(Map.of(
                "metadata", Map.of("labels", Map.of("team", "promotion")))), "test");

        cluster.gateway.apply(namespace, false);

        assertThat(cluster.admin.namespaces().withName("campaign").get().getMetadata().getLabels())
                .containsEntry("team", "promotion");
        assertThat(cluster.requests).containsExactly("PATCH /api/v1/namespaces/campaign?fieldManager=paycli&force=true");
    }

    @Test
    void aDryRunStoresNothing() {
        Map<String, Object> result = cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 2), true);

        assertThat(Fields.string(result, "metadata", "name")).isEqualTo("web");
        assertThat(live("web")).isNull();
        assertThat(cluster.requests.get(0)).contains("dryRun=All");
    }

    @Test
    void neverSendsServerMetadataReadFromTheCluster() {
        Manifest rendered = SandboxCluster.deployment("web", "nginx:1", 2);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) rendered.body().get("metadata");
        metadata.put("resourceVersion", "1");
        metadata.put("managedFields", List.of(Map.of("manager", "someone")));

        cluster.gateway.apply(rendered, false);
        cluster.gateway.apply(rendered, false);

        assertThat(live("web").getMetadata().getGeneration()).as("a stale resourceVersion would give 409")
                .isEqualTo(1);
    }

    @Test
    void appliesCustomResourcesAfterOneDiscoveryOfTheirGroupVersion() {
        cluster.admin.resource("""
                apiVersion: apiextensions.k8s.io/v1
                kind: CustomResourceDefinition
                metadata: {name: widgets.example.com}
                spec:
                  group: example.com
                  scope: Namespaced
                  names: {plural: widgets, singular: widget, kind: Widget}
                  versions:
                  - name: v1
                    served: true
                    storage: true
                    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
                """).create();
        SandboxCluster.awaitEstablished(cluster.admin, "widgets.example.com");

        cluster.gateway.apply(SandboxCluster.manifest("example.com/v1", "Widget", "w1", Map.of(), "spec",
                Map.of("size", 3)), false);
        cluster.gateway.apply(SandboxCluster.manifest("example.com/v1", "Widget", "w2", Map.of(), "spec",
                Map.of("size", 4)), false);

        assertThat(cluster.gateway.get(new ObjectRef("example.com/v1", "Widget", SandboxCluster.NS, "w2")))
                .hasValueSatisfying(w -> assertThat(Fields.number(w, 0, "spec", "size")).isEqualTo(4));
        assertThat(cluster.requests("GET", "/apis/example.com/v1")).hasSize(2); // one discovery, one get
    }

    @Test
    void handsReplicasOverSoThatAnApplyWithoutThemKeepsTheCount() {
        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 3), false);
        cluster.requests.clear();
        Manifest withoutReplicas = SandboxCluster.deployment("web", "nginx:1", null);

        cluster.gateway.handOverReplicas(withoutReplicas, false);
        cluster.gateway.apply(withoutReplicas, false);

        assertThat(cluster.requests).containsExactly(
                "GET /apis/apps/v1/namespaces/promotion/deployments/web",
                "PATCH /apis/apps/v1/namespaces/promotion/deployments/web?fieldManager=paycli-handover",
                "PATCH /apis/apps/v1/namespaces/promotion/deployments/web?fieldManager=paycli&force=true");
        Deployment live = live("web");
        assertThat(live.getSpec().getReplicas()).isEqualTo(3);
        assertThat(live.getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("paycli-handover");
            assertThat(String.valueOf(m.getFieldsV1().getAdditionalProperties())).contains("f:replicas");
        });
    }

    @Test
    void withoutTheHandoverTheServerResetsReplicas() {
        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 3), false);

        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", null), false);

        assertThat(live("web").getSpec().getReplicas()).as("the sandbox is as strict as a real server").isEqualTo(1);
    }

    @Test
    void theHandoverDoesNothingWhenTheWorkloadIsMissingOrNotOurs() {
        Manifest web = SandboxCluster.deployment("web", "nginx:1", null);
        cluster.gateway.handOverReplicas(web, false);
        cluster.gateway.apply(web, false);
        cluster.requests.clear();

        cluster.gateway.handOverReplicas(web, false);

        assertThat(cluster.requests).containsExactly("GET /apis/apps/v1/namespaces/promotion/deployments/web");
    }

    @Test
    void theHandoverLeavesReplicasToAnAutoscalerThatTookThemFirst() {
        cluster.gateway.apply(SandboxCluster.deployment("web", "nginx:1", 3), false);
        // The HPA controller scales to 5 between paycli's read of the workload and its handover apply.
        cluster.beforeRequest = request -> {
            if (request.contains("fieldManager=" + Applier.HANDOVER_MANAGER)) {
                cluster.beforeRequest = r -> { };
                cluster.send("PATCH", "/apis/apps/v1/namespaces/" + SandboxCluster.NS
                        + "/deployments/web/scale?fieldManager=kube-controller-manager",
                        "application/merge-patch+json", "{\"spec\":{\"replicas\":5}}");
            }
        };
        Manifest withoutReplicas = SandboxCluster.deployment("web", "nginx:1", null);

        cluster.gateway.handOverReplicas(withoutReplicas, false);
        cluster.gateway.apply(withoutReplicas, false);

        Deployment live = live("web");
        assertThat(live.getSpec().getReplicas()).as("a forced handover takes replicas back from the controller")
                .isEqualTo(5);
        assertThat(live.getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("kube-controller-manager");
            assertThat(String.valueOf(m.getFieldsV1().getAdditionalProperties())).contains("f:replicas");
        });
    }

    @Test
    void aDeleteWithAResourceVersionPreconditionLeavesAChangedObjectAlone() {
        cluster.gateway.apply(SandboxCluster.configMap("web-config", Map.of("a", "1")), false);
        ObjectRef ref = new ObjectRef("v1", "ConfigMap", SandboxCluster.NS, "web-config");
        String read = String.valueOf(((Map<?, ?>) cluster.gateway.get(ref).orElseThrow().get("metadata"))
                .get("resourceVersion"));
        cluster.admin.configMaps().inNamespace(SandboxCluster.NS).withName("web-config")
                .edit(c -> {
                    c.getData().put("b", "2");
                    return c;
                });

        assertThat(cluster.gateway.deleteUnchanged(ref, read)).isFalse();
        assertThat(cluster.gateway.get(ref)).isPresent();

        String now = String.valueOf(((Map<?, ?>) cluster.gateway.get(ref).orElseThrow().get("metadata"))
                .get("resourceVersion"));
        assertThat(cluster.gateway.deleteUnchanged(ref, now)).isTrue();
        assertThat(cluster.gateway.get(ref)).isEmpty();
        assertThat(cluster.gateway.deleteUnchanged(ref, now)).isTrue();
    }

    @Test
    void deletesAnObjectAndAMissingOneIsFine() {
        cluster.gateway.apply(SandboxCluster.configMap("web-config", Map.of("a", "1")), false);
        List<ObjectRef> found = List.of(new ObjectRef("v1", "ConfigMap", SandboxCluster.NS, "web-config"));
        assertThat(cluster.gateway.get(found.get(0))).isPresent();

        cluster.requests.clear();
        cluster.gateway.delete(found.get(0));
        cluster.gateway.delete(found.get(0));
        assertThat(cluster.gateway.get(found.get(0))).isEmpty();
        assertThat(cluster.requests("DELETE", "/")).hasSize(2);
    }
}
