package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The refusals of a real API server that paycli must handle (REAL-CLUSTER.md). */
class StrictnessTest {

    private Sandbox sandbox;
    private Http http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0);
        http = new Http(sandbox.url());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static String configMap(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},\"data\":{}}";
    }

    @Test
    void writingIntoAMissingNamespaceIsNotFound() throws Exception {
        Http.Reply created = http.post("/api/v1/namespaces/nowhere/configmaps", configMap("c"));
        assertThat(created.code()).isEqualTo(404);
        assertThat(Json.string(created.json(), "message")).isEqualTo("namespaces \"nowhere\" not found");

        Http.Reply applied = http.apply("/api/v1/namespaces/nowhere/configmaps/c", "paycli", true, configMap("c"));
        assertThat(applied.code()).isEqualTo(404);

        assertThat(http.post("/api/v1/namespaces/default/configmaps", configMap("c")).code()).isEqualTo(201);
    }

    @Test
    void aTerminatingNamespaceRefusesNewContentThenDisappears() throws Exception {
        http.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"gone\"}}");
        http.post("/api/v1/namespaces/gone/configmaps", configMap("old"));

        Http.Reply deleted = http.send("DELETE", "/api/v1/namespaces/gone", "application/json",
                "{\"propagationPolicy\":\"Background\"}");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(Json.string(deleted.json(), "status", "phase")).isEqualTo("Terminating");

        Http.Reply refused = http.post("/api/v1/namespaces/gone/configmaps", configMap("new"));
        assertThat(refused.code()).isEqualTo(403);
        assertThat(Json.string(refused.json(), "message")).contains("because it is being terminated");

        Thread.sleep(sandbox.settings().rolloutDelay().toMillis() + 500);
        assertThat(http.get("/api/v1/namespaces/gone").code()).isEqualTo(404);
        assertThat(http.get("/api/v1/namespaces/gone/configmaps/old").code()).isEqualTo(404);
    }

    @Test
    void aDeploymentSelectorIsImmutable() throws Exception {
        String path = "/apis/apps/v1/namespaces/default/deployments/web";
        http.apply(path, "paycli", true, ServerSideApplyTest.deployment("  replicas: 1", "nginx:1"));

        Http.Reply changed = http.apply(path, "paycli", true, ServerSideApplyTest.deployment("  replicas: 1", "nginx:1")
                .replace("matchLabels: {app: web}", "matchLabels: {app: other}"));

        assertThat(changed.code()).isEqualTo(422);
        assertThat(Json.string(changed.json(), "reason")).isEqualTo("Invalid");
        assertThat(Json.string(changed.json(), "message")).startsWith("Deployment.apps \"web\" is invalid: spec.selector")
                .contains("field is immutable");
    }

    @Test
    void aServiceClusterIpIsAllocatedOnceAndImmutable() throws Exception {
        String path = "/api/v1/namespaces/default/services/web";
        String service = "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"ports\":[{\"port\":80}]}}";
        Http.Reply created = http.apply(path, "paycli", true, service);
        String ip = Json.string(created.json(), "spec", "clusterIP");
        assertThat(ip).startsWith("10.96.");

        assertThat(Json.string(http.apply(path, "paycli", true, service).json(), "spec", "clusterIP")).isEqualTo(ip);
        Http.Reply changed = http.apply(path, "paycli", true, service.replace("\"ports\"",
                "\"clusterIP\":\"10.0.0.99\",\"ports\""));
        assertThat(changed.code()).isEqualTo(422);
        assertThat(Json.string(changed.json(), "message")).contains("spec.clusterIP");
    }

    @Test
    void aStaleResourceVersionConflictsEvenForLeases() throws Exception {
        String lease = "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"lock\"},"
                + "\"spec\":{\"holderIdentity\":\"a\",\"renewTime\":\"2025-01-01T00:00:00.000000Z\"}}";
        Http.Reply created = http.post("/apis/coordination.k8s.io/v1/namespaces/default/leases", lease);
        String version = Json.string(created.json(), "metadata", "resourceVersion");
        String path = "/apis/coordination.k8s.io/v1/namespaces/default/leases/lock";

        Http.Reply taken = http.put(path, lease.replace("\"a\"", "\"b\"")
                .replace("\"name\":\"lock\"", "\"name\":\"lock\",\"resourceVersion\":\"" + version + "\""));
        assertThat(taken.code()).isEqualTo(200);
        Http.Reply stale = http.put(path, lease.replace("\"a\"", "\"c\"")
                .replace("\"name\":\"lock\"", "\"name\":\"lock\",\"resourceVersion\":\"" + version + "\""));

        assertThat(stale.code()).isEqualTo(409);
        assertThat(Json.string(stale.json(), "message")).contains("the object has been modified");
        assertThat(Json.string(http.get(path).json(), "spec", "holderIdentity")).isEqualTo("b");
    }

    @Test
    void anUnknownResourceIsNotFound() throws Exception {
        assertThat(http.post("/apis/example.com/v1/namespaces/default/widgets", configMap("w")).code()).isEqualTo(404);
    }

    @Test
    void aDryRunApplyIntoAMissingNamespaceIsNotFoundLikeOnARealServer() throws Exception {
        Http.Reply applied = http.apply("/apis/apps/v1/namespaces/nowhere/deployments/web?dryRun=All", "paycli", true,
                ServerSideApplyTest.deployment("  replicas: 1", "nginx:1").replace("namespace: default",
                        "namespace: nowhere"));

        assertThat(applied.code()).as(applied.body()).isEqualTo(404);
        assertThat(Json.string(applied.json(), "reason")).isEqualTo("NotFound");
        assertThat(Json.string(applied.json(), "details", "kind")).isEqualTo("namespaces");
        assertThat(Json.string(applied.json(), "details", "name")).isEqualTo("nowhere");
    }

    @Test
    void dryRunComputesButNeverStores() throws Exception {
        Http.Reply created = http.post("/api/v1/namespaces/default/configmaps?dryRun=All", configMap("dry"));
        assertThat(created.code()).isEqualTo(201);
        assertThat(Json.string(created.json(), "metadata", "uid")).isNotEmpty();
        assertThat(http.get("/api/v1/namespaces/default/configmaps/dry").code()).isEqualTo(404);

        String path = "/apis/apps/v1/namespaces/default/deployments/web";
        http.apply(path, "paycli", true, ServerSideApplyTest.deployment("  replicas: 1", "nginx:1"));
        Http.Reply applied = http.apply(path + "?dryRun=All", "paycli", true,
                ServerSideApplyTest.deployment("  replicas: 1", "nginx:2"));
        assertThat(applied.code()).isEqualTo(200);
        assertThat(applied.body()).contains("nginx:2");
        assertThat(http.get(path).body()).contains("nginx:1").doesNotContain("nginx:2");

        Http.Reply patched = http.send("PATCH", path + "?dryRun=All", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":7}}");
        assertThat(Json.number(patched.json(), 0, "spec", "replicas")).isEqualTo(7);
        assertThat(Json.number(http.get(path).json(), 0, "spec", "replicas")).isEqualTo(1);

        assertThat(http.send("DELETE", path + "?dryRun=All", null, null).code()).isEqualTo(200);
        assertThat(http.get(path).code()).isEqualTo(200);
        Http.Reply deleted = http.send("DELETE", path, "application/json", "{\"propagationPolicy\":\"Foreground\"}");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(http.get(path).code()).isEqualTo(404);
    }

    @Test
    void patchTypesMergeTheWayTheServerDoes() throws Exception {
        String path = "/apis/apps/v1/namespaces/default/deployments/web";
        http.apply(path, "paycli", true, ServerSideApplyTest.deployment("  replicas: 1", "nginx:1"));

        Http.Reply strategic = http.send("PATCH", path, "application/strategic-merge-patch+json",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"env\":[{\"name\":\"A\",\"value\":\"1\"}]},"
                        + "{\"name\":\"sidecar\",\"image\":\"busybox\"}]}}}}");
        assertThat(strategic.code()).as(strategic.body()).isEqualTo(200);
        var containers = Json.list(strategic.json(), "spec", "template", "spec", "containers");
        assertThat(containers).hasSize(2);
        assertThat(((Map<?, ?>) containers.get(0)).get("image")).isEqualTo("nginx:1");

        Http.Reply merge = http.send("PATCH", path, "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"app\":null,\"tier\":\"web\"}}}");
        assertThat(Json.map(merge.json(), "metadata", "labels")).isEqualTo(Map.of("tier", "web"));

        Http.Reply jsonPatch = http.send("PATCH", path, "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]");
        assertThat(Json.number(jsonPatch.json(), 0, "spec", "replicas")).isEqualTo(2);
        assertThat(Json.write(Json.list(jsonPatch.json(), "metadata", "managedFields"))).contains("paycli-test");

        assertThat(http.send("PATCH", path, "text/plain", "x").code()).isEqualTo(415);
    }
}
