package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.paycli.core.error.DeployFailedException;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Objects that finalizers hold after a prune: an apply to them is lost with them, so paycli waits them out. */
class TerminatingObjectTest {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    SandboxFixture cluster;
    Path web;

    @BeforeEach
    void start() {
        cluster = new SandboxFixture(tmp, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)).withFinalizerDelay(Duration.ofSeconds(4)));
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Ingress ingress() {
        return cluster.client.network().v1().ingresses().inNamespace(NS).withName("campaign-web").get();
    }

    @Test
    void aRollbackThatMustRecreateAnIngressStillTerminatingWaitsForItAndEndsWithItPresent() throws Exception {
        cluster.service.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add);
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ingress().getMetadata().getFinalizers().isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertThat(ingress().getMetadata().getFinalizers()).isNotEmpty();

        // The failing release drops the Ingress; its controller holds the deleted Ingress for 4 s, longer than
        // the release takes to fail, so the rollback finds it still terminating.
        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "2.0.0-fail", "ingress.enabled=false"),
                options(), cluster.events::add)).isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("rolled back to revision 1");

        Ingress back = ingress();
        assertThat(back).isNotNull();
        assertThat(back.getMetadata().getDeletionTimestamp()).isNull();
        assertThat(back.getSpec().getRules().get(0).getHost()).isEqualTo("campaign.beta.example.com");
        assertThat(cluster.events).anyMatch(e -> e.object() != null && e.object().kind().equals("Ingress")
                && e.message().contains("is still being deleted"));
    }
}
