package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Deletion held by finalizers, as a real server does it, and the controllers that release them. */
class FinalizersTest {

    private static final String INGRESSES = "/apis/networking.k8s.io/v1/namespaces/default/ingresses";

    private Sandbox sandbox;
    private Http http;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withFinalizerDelay(Duration.ofMillis(1500)));
        http = new Http(sandbox.url());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private static String ingress(String host) {
        return "{\"apiVersion\":\"networking.k8s.io/v1\",\"kind\":\"Ingress\",\"metadata\":{\"name\":\"web\"},"
                + "\"spec\":{\"rules\":[{\"host\":\"" + host + "\"}]}}";
    }

    private Map<String, Object> read() throws Exception {
        Http.Reply reply = http.get(INGRESSES + "/web");
        return reply.code() == 404 ? null : reply.json();
    }

    @Test
    void aDeletedIngressStaysTerminatingWhileItsControllerHoldsItAndAnApplyDoesNotSaveIt() throws Exception {
        http.apply(INGRESSES + "/web", "paycli", true, ingress("a.example.com"));
        awaitFinalizer();

        Http.Reply deleted = http.delete(INGRESSES + "/web");
        assertThat(deleted.code()).isEqualTo(200);
        assertThat(Json.string(read(), "metadata", "deletionTimestamp")).isNotNull();

        Http.Reply applied = http.apply(INGRESSES + "/web", "paycli", true, ingress("b.example.com"));
        assertThat(applied.code()).isEqualTo(200);
        assertThat(Json.string(applied.json(), "metadata", "deletionTimestamp")).isNotNull();

        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (read() != null && System.nanoTime() < end) {
            Thread.sleep(50);
        }
        assertThat(read()).isNull();
    }

    @Test
    void aFinalizerSetByAClientHoldsTheObjectUntilTheClientRemovesIt() throws Exception {
        String path = "/api/v1/namespaces/default/configmaps";
        http.post(path, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"kept\","
                + "\"finalizers\":[\"example.com/keep\"]},\"data\":{\"a\":\"1\"}}");
        assertThat(http.delete(path + "/kept").code()).isEqualTo(200);
        Map<String, Object> terminating = http.get(path + "/kept").json();
        assertThat(Json.string(terminating, "metadata", "deletionTimestamp")).isNotNull();

        Json.mapOrCreate(terminating, "metadata").put("finalizers", java.util.List.of());
        http.put(path + "/kept", Json.write(terminating));
        assertThat(http.get(path + "/kept").code()).isEqualTo(404);
    }

    private void awaitFinalizer() throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!Json.list(read(), "metadata", "finalizers").contains(FinalizerControllers.INGRESS)
                && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(Json.list(read(), "metadata", "finalizers")).contains(FinalizerControllers.INGRESS);
    }
}
