package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The count of accepted requests that changed stored state, in-process and over the sandbox's own endpoint. */
class StateWritesTest {

    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";
    private static final String BODY = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}";
    private static final String REVIEW = "{\"apiVersion\":\"authorization.k8s.io/v1\","
            + "\"kind\":\"SelfSubjectAccessReview\",\"spec\":{\"resourceAttributes\":{\"verb\":\"get\","
            + "\"resource\":\"configmaps\",\"namespace\":\"default\"}}}";

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
    void readsDryRunsReviewsRefusalsAndFaultsAreNotWrites() throws Exception {
        assertThat(http.get(CONFIGMAPS).code()).isEqualTo(200);
        assertThat(http.post(CONFIGMAPS + "?dryRun=All", BODY).code()).isEqualTo(201);
        assertThat(http.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", REVIEW).code()).isEqualTo(201);
        assertThat(http.delete(CONFIGMAPS + "/absent").code()).isEqualTo(404);
        sandbox.faults().failNext(1, "POST", ".*/configmaps", 500, "etcdserver: request timed out");
        assertThat(http.post(CONFIGMAPS, BODY).code()).isEqualTo(500);

        assertThat(sandbox.writes().count()).as("%s", sandbox.writes().byRoute()).isZero();
    }

    @Test
    void acceptedWritesAreCountedByRouteAndServedOverHttp() throws Exception {
        assertThat(http.post(CONFIGMAPS, BODY).code()).isEqualTo(201);
        assertThat(http.apply(CONFIGMAPS + "/c", "test", true, BODY).code()).isEqualTo(200);
        assertThat(http.delete(CONFIGMAPS + "/c").code()).isEqualTo(200);

        assertThat(sandbox.writes().count()).isEqualTo(3);
        Http.Reply reply = http.get(StateWrites.PATH);
        assertThat(reply.code()).isEqualTo(200);
        assertThat(reply.json().get("writes")).isEqualTo(3);
        assertThat(reply.body()).contains("PATCH /api/v1/namespaces/{namespace}/configmaps/{name}");

        sandbox.resetCounters();
        assertThat(sandbox.writes().count()).isZero();
    }
}
