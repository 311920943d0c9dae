package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A created CustomResourceDefinition becomes Established a moment later, as kube-apiserver's establishing
 * controller makes it; only then is its kind discovered and served. Before that, a custom resource is refused
 * with 404, as a real server refuses one.
 */
class CustomResourceDefinitionTest {

    private static final String CRD = String.join("\n",
            "{\"apiVersion\":\"apiextensions.k8s.io/v1\",\"kind\":\"CustomResourceDefinition\",",
            "\"metadata\":{\"name\":\"gadgets.example.org\"},",
            "\"spec\":{\"group\":\"example.org\",\"scope\":\"Namespaced\",",
            "\"names\":{\"plural\":\"gadgets\",\"singular\":\"gadget\",\"kind\":\"Gadget\",\"listKind\":\"GadgetList\"},",
            "\"versions\":[{\"name\":\"v1\",\"served\":true,\"storage\":true,",
            "\"schema\":{\"openAPIV3Schema\":{\"type\":\"object\",\"x-kubernetes-preserve-unknown-fields\":true}}}]}}");
    private static final String GADGET = "{\"apiVersion\":\"example.org/v1\",\"kind\":\"Gadget\","
            + "\"metadata\":{\"name\":\"g1\",\"namespace\":\"default\"},\"spec\":{\"size\":3}}";
    private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    private static final String GADGETS = "/apis/example.org/v1/namespaces/default/gadgets";

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
    void aCustomResourceBeforeItsDefinitionIsEstablishedIsRefusedWith404() throws Exception {
        assertThat(http.post(GADGETS, GADGET).code()).isEqualTo(404);
        Map<String, Object> created = http.post(CRDS, CRD).json();
        // Created, not yet established: the server does not serve the kind yet.
        assertThat(established(created)).isFalse();
        assertThat(http.post(GADGETS, GADGET).code()).isEqualTo(404);
        assertThat(http.get("/apis/example.org/v1").code()).isEqualTo(404);
    }

    @Test
    void aCreatedDefinitionBecomesEstablishedAndItsKindIsDiscoveredAndServed() throws Exception {
        assertThat(http.post(CRDS, CRD).code()).isEqualTo(201);
        Map<String, Object> crd = awaitEstablished("gadgets.example.org");

        assertThat(Json.string(crd, "status", "acceptedNames", "kind")).isEqualTo("Gadget");
        assertThat(Json.list(crd, "status", "storedVersions")).containsExactly("v1");
        assertThat(http.get("/apis/example.org/v1").body()).contains("\"gadgets\"", "\"Gadget\"");
        assertThat(http.get("/apis").body()).contains("example.org/v1");

        assertThat(http.post(GADGETS, GADGET).code()).isEqualTo(201);
        assertThat(http.apply(GADGETS + "/g2", "paycli", true, GADGET.replace("g1", "g2")).code()).isEqualTo(201);
        assertThat(Json.list(http.get(GADGETS).json(), "items")).hasSize(2);
        assertThat(Json.number(http.get(GADGETS + "/g1").json(), 0, "spec", "size")).isEqualTo(3);
        assertThat(Json.list(http.get("/apis/example.org/v1/gadgets").json(), "items")).hasSize(2);
    }

    @Test
    void anAppliedDefinitionBecomesEstablishedToo() throws Exception {
        assertThat(http.apply(CRDS + "/gadgets.example.org", "paycli", true, CRD).code()).isEqualTo(201);
        awaitEstablished("gadgets.example.org");
        assertThat(http.post(GADGETS, GADGET).code()).isEqualTo(201);
    }

    private Map<String, Object> awaitEstablished(String name) throws Exception {
        return awaitEstablished(http, name);
    }

    /** Waits as {@code kubectl wait --for condition=Established} does, for the tests that use a custom kind. */
    static Map<String, Object> awaitEstablished(Http http, String name) throws Exception {
        long end = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < end) {
            Map<String, Object> crd = http.get(CRDS + "/" + name).json();
            if (established(crd)) {
                return crd;
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " never became Established");
    }

    @SuppressWarnings("unchecked")
    static boolean established(Map<String, Object> crd) {
        for (Object c : Json.list(crd, "status", "conditions")) {
            Map<String, Object> condition = (Map<String, Object>) c;
            if ("Established".equals(condition.get("type")) && "True".equals(condition.get("status"))) {
                return true;
            }
        }
        return false;
    }
}
