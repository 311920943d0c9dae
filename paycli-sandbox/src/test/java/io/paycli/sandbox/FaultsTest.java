package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Injected failures and the request counter. */
class FaultsTest {

    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
    private static final String BODY = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}";

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
    void failsTheNextMatchingRequestsThenRecovers() throws Exception {
        sandbox.faults().failNext(2, "POST", ".*/configmaps", 500, "etcdserver: request timed out");

        Http.Reply first = http.post(CONFIGMAPS, BODY);
        assertThat(first.code()).isEqualTo(500);
        assertThat(Json.string(first.json(), "message")).isEqualTo("etcdserver: request timed out");
        assertThat(Json.string(first.json(), "reason")).isEqualTo("InternalError");
        assertThat(http.get(CONFIGMAPS).code()).as("other methods are untouched").isEqualTo(200);
        assertThat(http.post(CONFIGMAPS, BODY).code()).isEqualTo(500);
        assertThat(http.post(CONFIGMAPS, BODY).code()).isEqualTo(201);
    }

    @Test
    void throttlesWithRetryAfter() throws Exception {
        sandbox.faults().throttleNext(1, "*", ".*", 3);

        Http.Reply throttled = http.get(CONFIGMAPS);

        assertThat(throttled.code()).isEqualTo(429);
        assertThat(throttled.header("Retry-After")).isEqualTo("3");
        assertThat(http.get(CONFIGMAPS).code()).isEqualTo(200);
    }

    @Test
    void forbidsAVerbOnAResourceUntilCleared() throws Exception {
        sandbox.faults().forbid("create", "configmaps", null);

        Http.Reply forbidden = http.post(CONFIGMAPS, BODY);
        assertThat(forbidden.code()).isEqualTo(403);
        assertThat(Json.string(forbidden.json(), "message")).isEqualTo("configmaps is forbidden: User \"paycli-sandbox\""
                + " cannot create resource \"configmaps\" in API group \"\" in the namespace \"default\"");
        assertThat(http.get(CONFIGMAPS).code()).isEqualTo(200);
        assertThat(http.post(CONFIGMAPS, BODY).code()).isEqualTo(403);

        sandbox.faults().clear();
        assertThat(http.post(CONFIGMAPS, BODY).code()).isEqualTo(201);
    }

    @Test
    void deniesLikeAnAdmissionWebhook() throws Exception {
        sandbox.faults().denyAdmission(1, "PATCH", ".*/deployments/.*", "validate.kyverno.svc",
                "require-requests: CPU requests are required");

        Http.Reply denied = http.apply("/apis/apps/v1/namespaces/default/deployments/web", "paycli", true,
                ServerSideApplyTest.deployment("  replicas: 1", "nginx:1"));

        assertThat(denied.code()).isEqualTo(400);
        assertThat(Json.string(denied.json(), "message")).isEqualTo("admission webhook \"validate.kyverno.svc\" denied"
                + " the request: require-requests: CPU requests are required");
    }

    @Test
    void aDroppedConnectionStillWrites() throws Exception {
        sandbox.faults().dropNext(1, "PATCH", ".*");

        assertThatThrownBy(() -> http.apply(CONFIGMAPS + "/c", "paycli", true, BODY)).isInstanceOf(IOException.class);

        assertThat(http.get(CONFIGMAPS + "/c").code()).isEqualTo(200);
    }

    @Test
    void countsRequestsByRoute() throws Exception {
        http.get("/version");
        sandbox.resetCounters();

        http.post(CONFIGMAPS, BODY);
        http.get(CONFIGMAPS + "/c");
        http.get(CONFIGMAPS + "/c");
        http.get("/api/v1/namespaces/kube-system/configmaps/c");

        assertThat(sandbox.requests().total()).isEqualTo(4);
        assertThat(sandbox.requests().count("GET", "/api/v1/namespaces/{namespace}/configmaps/{name}")).isEqualTo(3);
        assertThat(sandbox.requests().byRoute()).containsEntry("POST /api/v1/namespaces/{namespace}/configmaps", 1L);
    }
}
