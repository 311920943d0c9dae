package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAPI v3 documents kubectl reads before it validates: each kind's PATCH declares fieldValidation. */
class OpenApiTest {

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

    @Test
    void theIndexListsEveryGroupVersionOfDiscoveryWithAHashedUrl() throws Exception {
        Http.Reply index = http.get("/openapi/v3");

        assertThat(index.code()).as(index.body()).isEqualTo(200);
        Map<String, Object> paths = Json.map(index.json(), "paths");
        List<String> expected = new ArrayList<>(List.of("api/v1"));
        for (Object group : Json.list(http.get("/apis").json(), "groups")) {
            for (Object version : Json.list(asMap(group), "versions")) {
                expected.add("apis/" + asMap(version).get("groupVersion"));
            }
        }
        assertThat(paths.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        String url = Json.string(paths, "apis/apps/v1", "serverRelativeURL");
        assertThat(url).matches("/openapi/v3/apis/apps/v1\\?hash=[0-9A-F]{128}");
        assertThat(http.get(url).code()).isEqualTo(200);
        assertThat(http.get("/openapi/v3/apis/nothing/v1").code()).isEqualTo(404);
    }

    @Test
    void everyKindOfAGroupVersionHasAPatchWithFieldValidationAndItsKind() throws Exception {
        Map<String, Object> doc = http.get("/openapi/v3/apis/apps/v1").json();
        Map<String, Object> path = Json.map(doc, "paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}");

        Map<String, Object> patch = Json.map(path, "patch");
        assertThat(Json.map(patch, "x-kubernetes-group-version-kind"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("group", "apps", "version", "v1", "kind", "Deployment"));
        assertThat(Json.list(patch, "parameters")).anySatisfy(p ->
                assertThat(asMap(p)).containsEntry("name", "fieldValidation").containsEntry("in", "query"));
        assertThat(Json.map(patch, "requestBody", "content")).containsKey("application/apply-patch+yaml");
        assertThat(Json.map(doc, "paths", "/apis/apps/v1/namespaces/{namespace}/deployments"))
                .containsKeys("get", "post", "delete");
        assertThat(Json.map(doc, "paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "patch",
                "x-kubernetes-group-version-kind")).containsEntry("kind", "Scale");

        Map<String, Object> core = http.get("/openapi/v3/api/v1").json();
        assertThat(Json.map(core, "paths", "/api/v1/namespaces/{name}", "patch", "x-kubernetes-group-version-kind"))
                .containsEntry("kind", "Namespace");
        assertThat(Json.map(core, "paths", "/api/v1/namespaces/{namespace}/configmaps/{name}", "patch")).isNotNull();
        assertThat(Json.map(core, "components", "schemas", "io.k8s.api.core.v1.ConfigMap")).isNotNull();
    }

    @Test
    void aCustomResourceDefinitionAddsItsGroupVersion() throws Exception {
        String crd = "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\","
                + "\"metadata\":{\"name\":\"widgets.example.com\"},\"spec\":{\"group\":\"example.com\",\"scope\":"
                + "\"Namespaced\",\"names\":{\"plural\":\"widgets\",\"singular\":\"widget\",\"kind\":\"Widget\"},"
                + "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,\"schema\":{\"openAPIV3Schema\":"
                + "{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}]}}";
        assertThat(http.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions?fieldValidation=Strict", crd)
                .code()).isEqualTo(201);
        CustomResourceDefinitionTest.awaitEstablished(http, "widgets.example.com");

        assertThat(Json.map(http.get("/openapi/v3").json(), "paths")).containsKey("apis/example.com/v1");
        Map<String, Object> doc = http.get("/openapi/v3/apis/example.com/v1").json();
        assertThat(Json.map(doc, "paths", "/apis/example.com/v1/namespaces/{namespace}/widgets/{name}", "patch",
                "x-kubernetes-group-version-kind")).containsEntry("kind", "Widget");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
