package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Discovery documents and content negotiation, as kubectl and client libraries read them. */
class DiscoveryTest {

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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resource(Http.Reply list, String name) {
        return Json.list(list.json(), "resources").stream().map(r -> (Map<String, Object>) r)
                .filter(r -> r.get("name").equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void servesAVersion() throws Exception {
        Map<String, Object> version = http.get("/version").json();
        assertThat(version).containsEntry("major", "1").containsEntry("minor", "32");
    }

    @Test
    void listsCoreAndGroupResourcesWithScopeVerbsAndShortNames() throws Exception {
        assertThat(Json.list(http.get("/api").json(), "versions")).containsExactly("v1");
        Http.Reply core = http.get("/api/v1");
        assertThat(resource(core, "pods")).containsEntry("namespaced", true).containsEntry("kind", "Pod");
        assertThat(resource(core, "namespaces")).containsEntry("namespaced", false)
                .containsEntry("shortNames", List.of("ns"));
        assertThat(Json.write(resource(core, "configmaps").get("verbs"))).contains("\"watch\"", "\"patch\"", "\"create\"");

        Http.Reply apps = http.get("/apis/apps/v1");
        assertThat(resource(apps, "deployments")).containsEntry("shortNames", List.of("deploy"));
        assertThat(resource(apps, "deployments/scale")).containsEntry("group", "autoscaling")
                .containsEntry("version", "v1").containsEntry("kind", "Scale");
        assertThat(resource(apps, "deployments/status")).containsEntry("kind", "Deployment");
        assertThat(resource(http.get("/apis/rbac.authorization.k8s.io/v1"), "clusterroles"))
                .containsEntry("namespaced", false);
        assertThat(resource(http.get("/apis/autoscaling/v2"), "horizontalpodautoscalers"))
                .containsEntry("shortNames", List.of("hpa"));

        String groups = http.get("/apis").body();
        assertThat(groups).contains("\"apps/v1\"", "\"batch/v1\"", "\"networking.k8s.io/v1\"", "\"policy/v1\"",
                "\"coordination.k8s.io/v1\"", "\"apiextensions.k8s.io/v1\"", "\"events.k8s.io/v1\"");
        assertThat(http.get("/apis/apps/v1beta1").code()).isEqualTo(404);
    }

    @Test
    void aStoredCrdAddsItsGroupVersionAndResources() throws Exception {
        String crd = String.join("\n",
                "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\",",
                "\"metadata\":{\"name\":\"widgets.example.com\"},",
                "\"spec\":{\"group\":\"example.com\",\"scope\":\"Namespaced\",",
                "\"names\":{\"plural\":\"widgets\",\"singular\":\"widget\",\"kind\":\"Widget\",\"shortNames\":[\"wd\"]},",
                "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"subresources\":{\"status\":{}}}]}}");
        assertThat(http.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd).code()).isEqualTo(201);
        CustomResourceDefinitionTest.awaitEstablished(http, "widgets.example.com");

        Http.Reply group = http.get("/apis/example.com/v1");
        assertThat(resource(group, "widgets")).containsEntry("kind", "Widget").containsEntry("namespaced", true)
                .containsEntry("shortNames", List.of("wd"));
        assertThat(resource(group, "widgets/status")).containsEntry("kind", "Widget");
        assertThat(http.get("/apis").body()).contains("example.com/v1");

        String widget = "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\"},\"spec\":{}}";
        assertThat(http.post("/apis/example.com/v1/namespaces/default/widgets", widget).code()).isEqualTo(201);
        assertThat(http.send("PATCH", "/apis/example.com/v1/namespaces/default/widgets/w",
                "application/strategic-merge-patch+json", "{}").code()).isEqualTo(415);
    }

    @Test
    void openApiV2IsAbsentAndAggregatedDiscoveryFallsBack() throws Exception {
        // Only OpenAPI v3 is served (OpenApiTest); kubectl asks v2 only when v3 lacks something it wants.
        assertThat(http.get("/openapi/v2").code()).isEqualTo(404);
        assertThat(http.get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList").code())
                .isEqualTo(406);
        Http.Reply fallback = http.get("/apis",
                "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        assertThat(fallback.code()).isEqualTo(200);
        assertThat(fallback.body()).contains("APIGroupList");
    }

    @Test
    void protobufBodiesAreRefusedAndProtobufAcceptGetsJson() throws Exception {
        Http.Reply refused = http.send("POST", "/api/v1/namespaces/default/configmaps",
                "application/vnd.kubernetes.protobuf", "k8s\u0000garbage");
        assertThat(refused.code()).isEqualTo(415);

        Http.Reply json = http.get("/api/v1/namespaces", "application/vnd.kubernetes.protobuf, application/json");
        assertThat(json.code()).isEqualTo(200);
        assertThat(json.header("Content-Type")).isEqualTo("application/json");
        assertThat(json.json()).containsEntry("kind", "NamespaceList");
    }
}
