package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.paycli.core.error.ClusterException;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.Manifest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every refusal of REAL-CLUSTER.md comes out as one sentence with the verb, the resource, the context and an exit code. */
class ErrorTranslationTest {

    private static final String DEPLOYMENTS = ".*/deployments/web";

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

    private static Manifest web(String image) {
        return SandboxCluster.deployment("web", image, 2);
    }

    private AbstractThrowableAssert<?, ? extends Throwable> assertApplyFails(Manifest manifest, int exitCode) {
        return assertThatThrownBy(() -> cluster.gateway.apply(manifest, false))
                .isInstanceOfSatisfying(PaycliException.class, e -> assertThat(e.exitCode()).isEqualTo(exitCode));
    }

    @Test
    void rbacRefusalIsExit4WithTheServersMessage() {
        cluster.sandbox.faults().forbid("patch", "deployments", null);

        assertApplyFails(web("nginx:1"), 4).isInstanceOf(ClusterException.class)
                .hasMessage("forbidden: apply Deployment promotion/web in context beta-cluster: deployments.apps "
                        + "\"web\" is forbidden: User \"paycli-sandbox\" cannot patch resource \"deployments\" in API "
                        + "group \"apps\" in the namespace \"promotion\"");
        assertThat(cluster.requests).as("never retried").hasSize(1);
    }

    @Test
    void anUnauthorisedClientIsExit4() {
        // The client refreshes its credentials and retries a 401 once by itself; a second 401 is final.
        cluster.sandbox.faults().failNext(2, "PATCH", DEPLOYMENTS, 401, "Unauthorized");

        assertApplyFails(web("nginx:1"), 4)
                .hasMessageStartingWith("unauthorised: apply Deployment promotion/web in context beta-cluster: "
                        + "Unauthorized");
    }

    @Test
    void anAdmissionWebhookDenialIsExit3WithTheWebhooksMessage() {
        cluster.sandbox.faults().denyAdmission(1, "PATCH", DEPLOYMENTS, "validate.kyverno.svc",
                "require-requests: CPU requests are required");

        assertApplyFails(web("nginx:1"), 3).isInstanceOf(InvalidInputException.class)
                .hasMessage("denied by policy: apply Deployment promotion/web in context beta-cluster: admission "
                        + "webhook \"validate.kyverno.svc\" denied the request: require-requests: CPU requests are "
                        + "required");
    }

    @Test
    void aPolicyDenialAs403IsStillExit3() {
        cluster.sandbox.faults().failNext(1, "PATCH", DEPLOYMENTS, 403,
                "admission webhook \"gatekeeper\" denied the request: [no-latest] image tag required");

        assertApplyFails(web("nginx:1"), 3).hasMessageContaining("gatekeeper");
    }

    @Test
    void aMissingNamespaceSaysHowToCreateIt() {
        Manifest elsewhere = new Manifest("v1", "ConfigMap", "nowhere", "c", new LinkedHashMap<>(Map.of("data",
                Map.of("a", "1"))), "test");

        assertApplyFails(elsewhere, 3).isInstanceOf(InvalidInputException.class)
                .hasMessage("namespace nowhere does not exist in context beta-cluster: create it (or deploy with "
                        + "--create-namespace)");
    }

    @Test
    void aTerminatingNamespaceIsRecognised() {
        cluster.admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("leaving")
                .endMetadata().build()).create();
        cluster.admin.namespaces().withName("leaving").delete();
        Manifest late = new Manifest("v1", "ConfigMap", "leaving", "c", new LinkedHashMap<>(Map.of("data",
                Map.of("a", "1"))), "test");

        assertApplyFails(late, 4).hasMessageStartingWith("namespace leaving is being deleted in context "
                + "beta-cluster: apply ConfigMap leaving/c refused; wait until it is gone, then deploy again");
    }

    @Test
    void anImmutableFieldNamesTheFieldAndTheWayOutAndIsNotRetried() {
        cluster.gateway.apply(web("nginx:1"), false);
        Manifest changed = web("nginx:1");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) changed.body().get("spec");
        spec.put("selector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", "web", "tier", "front")));
        cluster.requests.clear();

        assertApplyFails(changed, 3).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("spec.selector of Deployment promotion/web is immutable: delete the "
                        + "Deployment or keep its selector (apply in context beta-cluster: ");
        assertThat(cluster.requests).hasSize(1);
    }

    @Test
    void aConflictWithoutForceNamesTheFieldsAndTheirOwner() {
        cluster.gateway.apply(web("nginx:1"), false);
        cluster.admin.apps().deployments().inNamespace(SandboxCluster.NS).withName("web").scale(5);

        assertThatThrownBy(() -> cluster.gateway.applyWithoutForce(web("nginx:1")))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.exitCode()).isEqualTo(3))
                .hasMessageStartingWith("conflict: apply Deployment promotion/web in context beta-cluster: another "
                        + "field manager owns .spec.replicas (conflict with \"")
                .hasMessageEndingWith("remove the fields from the manifest or apply with force");
        assertThat(cluster.gateway.apply(web("nginx:1"), false)).as("paycli forces by default").isNotNull();
    }

    @Test
    void aLockInAMissingNamespaceIsExplained() {
        assertThatThrownBy(() -> cluster.gateway.lock("nowhere", "web", "alice", Duration.ofSeconds(30)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("namespace nowhere does not exist in context beta-cluster");
    }

    @Test
    void aForbiddenListNamesTheKindAndNamespace() {
        cluster.sandbox.faults().forbid("list", "secrets", null);

        assertThatThrownBy(() -> cluster.gateway.releases(SandboxCluster.NS).list("web", "beta"))
                .isInstanceOfSatisfying(ClusterException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessageStartingWith("forbidden: list Secret objects in namespace promotion in context "
                        + "beta-cluster: secrets is forbidden");
    }

    @Test
    void aCustomKindTheServerDoesNotServeIsInvalidInput() {
        Manifest widget = SandboxCluster.manifest("example.com/v1", "Widget", "w", Map.of(), "spec", Map.of());

        assertApplyFails(widget, 3).hasMessageStartingWith("Widget (example.com/v1) is not served by the API server "
                + "of context beta-cluster");
    }

    @Test
    void aCustomKindIsFoundOnceItsDefinitionExistsWithoutANewConnection() {
        Manifest widget = SandboxCluster.manifest("example.com/v1", "Widget", "w", Map.of(), "spec", Map.of());
        assertApplyFails(widget, 3);

        cluster.admin.apiextensions().v1().customResourceDefinitions().resource(
                new io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder()
                        .withNewMetadata().withName("widgets.example.com").endMetadata()
                        .withNewSpec().withGroup("example.com").withScope("Namespaced")
                        .withNewNames().withKind("Widget").withPlural("widgets").withSingular("widget").endNames()
                        .addNewVersion().withName("v1").withServed(true).withStorage(true).endVersion()
                        .endSpec().build()).create();
        SandboxCluster.awaitEstablished(cluster.admin, "widgets.example.com");

        assertThat(cluster.gateway.apply(widget, false)).containsEntry("kind", "Widget");
    }

    @Test
    void aValidatingAdmissionPolicyDenialIsExit3WhetherItComesAs403Or422() {
        String denial = "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'require-team' with binding"
                + " 'require-team-binding' denied request: every Deployment needs a team label";
        cluster.sandbox.faults().failNext(1, "PATCH", DEPLOYMENTS, 403, denial);
        assertApplyFails(web("nginx:1"), 3).isInstanceOf(InvalidInputException.class)
                .hasMessage("denied by policy: apply Deployment promotion/web in context beta-cluster: " + denial);

        cluster.sandbox.faults().failNext(1, "PATCH", DEPLOYMENTS, 422, denial);
        assertApplyFails(web("nginx:1"), 3).hasMessageContaining("ValidatingAdmissionPolicy 'require-team'");
        assertThat(cluster.sandbox.requests().count("PATCH", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}"))
                .as("never retried").isEqualTo(2);
    }

    @Test
    void aWebhookThatCannotDryRunIsNamedWithTheWayOut() {
        cluster.sandbox.faults().failNext(1, "PATCH", DEPLOYMENTS, 400,
                "admission webhook \"audit.example.com\" does not support dry run");

        assertThatThrownBy(() -> cluster.gateway.apply(web("nginx:1"), true))
                .isInstanceOfSatisfying(PaycliException.class, e -> assertThat(e.exitCode()).isEqualTo(4))
                .hasMessage("the admission webhook \"audit.example.com\" does not support dry run, so the API server"
                        + " of context beta-cluster cannot preview apply (dry run) Deployment promotion/web; deploy"
                        + " without --dry-run, or ask the webhook's owners to declare sideEffects: None");
    }
}
