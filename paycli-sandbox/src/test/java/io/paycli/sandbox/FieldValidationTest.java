package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fieldValidation on create, update and patch, with the codes, messages and warnings of kube-apiserver 1.32. */
class FieldValidationTest {

    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";

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

    /** A Deployment with an extra field in its spec and one in its container (SPEC_EXTRA, CONTAINER_EXTRA). */
    private static String deployment(String name, String specExtra, String containerExtra) {
        return "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"spec\":{" + specExtra + "\"selector\":{\"matchLabels\":{\"app\":\"web\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{"
                + containerExtra + "\"name\":\"web\",\"image\":\"nginx:1\",\"ports\":[{\"containerPort\":80}]}]}}}}";
    }

    private static final String TYPOS = deployment("web", "\"foo\":1,", "\"imagePullPolicyy\":\"Always\",");

    @Test
    void strictCreateIsRefusedWithEveryUnknownFieldNamed() throws Exception {
        Http.Reply refused = http.post(DEPLOYMENTS + "?fieldValidation=Strict", TYPOS);

        assertThat(refused.code()).as(refused.body()).isEqualTo(400);
        assertThat(Json.string(refused.json(), "reason")).isEqualTo("BadRequest");
        assertThat(Json.string(refused.json(), "message")).isEqualTo("Deployment in version \"v1\" cannot be handled"
                + " as a Deployment: strict decoding error: unknown field \"spec.foo\", unknown field"
                + " \"spec.template.spec.containers[0].imagePullPolicyy\"");
        assertThat(http.get(DEPLOYMENTS + "/web").code()).isEqualTo(404);
    }

    @Test
    void strictCreateRefusesAKeyGivenTwice() throws Exception {
        String twice = deployment("web", "\"replicas\":1,\"replicas\":2,", "");

        Http.Reply refused = http.post(DEPLOYMENTS + "?fieldValidation=Strict", twice);

        assertThat(refused.code()).as(refused.body()).isEqualTo(400);
        assertThat(Json.string(refused.json(), "message")).endsWith("strict decoding error: duplicate field \"spec.replicas\"");
    }

    @Test
    void warnAndTheDefaultStoreTheObjectWithoutTheUnknownFieldsAndSayWhich() throws Exception {
        Http.Reply warned = http.post(DEPLOYMENTS + "?fieldValidation=Warn", TYPOS);
        Http.Reply defaulted = http.post(DEPLOYMENTS, TYPOS.replace("\"name\":\"web\"}", "\"name\":\"other\"}"));

        for (Http.Reply reply : new Http.Reply[] {warned, defaulted}) {
            assertThat(reply.code()).as(reply.body()).isEqualTo(201);
            assertThat(reply.response().headers().allValues("Warning")).hasSize(1).first().asString()
                    .isEqualTo("299 - \"unknown field \\\"spec.foo\\\"\", "
                            + "299 - \"unknown field \\\"spec.template.spec.containers[0].imagePullPolicyy\\\"\"");
        }
        Map<String, Object> stored = http.get(DEPLOYMENTS + "/web").json();
        assertThat(Json.map(stored, "spec")).doesNotContainKey("foo").containsKey("selector");
        assertThat(Json.write(stored)).doesNotContain("imagePullPolicyy").contains("containerPort");
    }

    @Test
    void ignoreDropsUnknownFieldsSilently() throws Exception {
        Http.Reply created = http.post(DEPLOYMENTS + "?fieldValidation=Ignore", TYPOS);

        assertThat(created.code()).isEqualTo(201);
        assertThat(created.header("Warning")).isNull();
        assertThat(Json.map(created.json(), "spec")).doesNotContainKey("foo");
    }

    @Test
    void strictUpdateAndMergePatchAreRefused() throws Exception {
        assertThat(http.post(DEPLOYMENTS, deployment("web", "", "")).code()).isEqualTo(201);
        String current = http.get(DEPLOYMENTS + "/web").body();

        Http.Reply replaced = http.put(DEPLOYMENTS + "/web?fieldValidation=Strict",
                current.replaceFirst("\"spec\":\\{", "\"spec\":{\"foo\":1,"));
        Http.Reply patched = http.send("PATCH", DEPLOYMENTS + "/web?fieldValidation=Strict",
                "application/merge-patch+json", "{\"spec\":{\"paused\":true,\"foo\":1}}");
        Http.Reply strategic = http.send("PATCH", DEPLOYMENTS + "/web?fieldValidation=Strict",
                "application/strategic-merge-patch+json",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"web\",\"imagex\":\"nginx:2\"}]}}}}");

        assertThat(replaced.code()).as(replaced.body()).isEqualTo(400);
        assertThat(Json.string(replaced.json(), "message")).endsWith("unknown field \"spec.foo\"");
        assertThat(patched.code()).as(patched.body()).isEqualTo(400);
        assertThat(Json.string(patched.json(), "message")).endsWith("unknown field \"spec.foo\"");
        assertThat(strategic.code()).as(strategic.body()).isEqualTo(400);
        assertThat(Json.string(strategic.json(), "message"))
                .endsWith("unknown field \"spec.template.spec.containers[0].imagex\"");
        assertThat(Json.map(http.get(DEPLOYMENTS + "/web").json(), "spec")).doesNotContainKey("paused");
    }

    @Test
    void strictApplyNamesTheFieldTheWayServerSideApplyDoes() throws Exception {
        Http.Reply refused = http.apply(DEPLOYMENTS + "/web?fieldValidation=Strict", "kubectl", false, TYPOS);

        assertThat(refused.code()).as(refused.body()).isEqualTo(400);
        assertThat(Json.string(refused.json(), "reason")).isEqualTo("BadRequest");
        assertThat(Json.string(refused.json(), "message")).isEqualTo("failed to create typed patch object"
                + " (default/web; apps/v1, Kind=Deployment): .spec.foo: field not declared in schema\n"
                + ".spec.template.spec.containers[name=\"web\"].imagePullPolicyy: field not declared in schema");

        Http.Reply warned = http.apply(DEPLOYMENTS + "/web", "kubectl", false, TYPOS);
        assertThat(warned.code()).as(warned.body()).isEqualTo(201);
        assertThat(warned.header("Warning")).startsWith("299 - \".spec.foo: field not declared in schema\"");
        assertThat(Json.write(warned.json())).doesNotContain("foo").doesNotContain("imagePullPolicyy");
    }

    @Test
    void strictAcceptsEveryDeclaredFieldIncludingMetadataStatusAndOpaqueValues() throws Exception {
        String full = deployment("web", "\"replicas\":2,\"strategy\":{\"type\":\"RollingUpdate\",\"rollingUpdate\":"
                + "{\"maxSurge\":\"25%\",\"maxUnavailable\":0}},", "\"resources\":{\"limits\":{\"memory\":\"64Mi\"}},")
                .replace("\"metadata\":{\"name\":\"web\"}", "\"metadata\":{\"name\":\"web\",\"labels\":{\"a\":\"b\"},"
                        + "\"annotations\":{\"x/y\":\"z\"}}");

        Http.Reply created = http.post(DEPLOYMENTS + "?fieldValidation=Strict", full);
        Http.Reply replaced = http.put(DEPLOYMENTS + "/web?fieldValidation=Strict", created.body());

        assertThat(created.code()).as(created.body()).isEqualTo(201);
        assertThat(replaced.code()).as("a PUT of the object as read back, managedFields and all: " + replaced.body())
                .isEqualTo(200);
        assertThat(replaced.header("Warning")).isNull();
    }

    @Test
    void anUnknownDirectiveIsRefused() throws Exception {
        Http.Reply refused = http.post(DEPLOYMENTS + "?fieldValidation=Loose", deployment("web", "", ""));

        assertThat(refused.code()).isEqualTo(400);
        assertThat(Json.string(refused.json(), "message")).contains("Unsupported value: \"Loose\"");
    }
}
