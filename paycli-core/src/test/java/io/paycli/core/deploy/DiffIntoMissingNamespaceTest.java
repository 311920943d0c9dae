package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diff before the first deploy into a namespace that does not exist yet: a server refuses the dry-run apply
 * with 404, and the diff shows every object as new instead of failing.
 */
class DiffIntoMissingNamespaceTest {
    @TempDir
    Path tmp;
    SandboxFixture cluster;
    Path web;

    @BeforeEach
    void start() {
        cluster = new SandboxFixture(tmp);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void everyObjectIsNewAndTheMissingNamespaceIsNamed() {
        Diff diff = cluster.service.diff(request(web, "beta", "1.0.0"));

        assertThat(diff.missingNamespace()).isEqualTo("promotion-beta");
        assertThat(diff.changed()).isTrue();
        assertThat(diff.objects()).extracting(o -> o.ref().kind())
                .containsExactlyInAnyOrder("ConfigMap", "Service", "Deployment", "Ingress");
        assertThat(diff.objects()).allSatisfy(o -> {
            assertThat(o.change()).isEqualTo(Diff.Change.ADDED);
            assertThat(o.unified()).startsWith("--- live/").contains("\n+++ rendered/", "\n+kind: " + o.ref().kind(),
                    "\n+  namespace: promotion-beta");
        });
        assertThat(cluster.client.namespaces().withName("promotion-beta").get()).as("a diff changes nothing").isNull();
    }

    @Test
    void anExistingNamespaceIsNotReportedMissing() {
        cluster.createNamespace("promotion-beta");

        assertThat(cluster.service.diff(request(web, "beta", "1.0.0")).missingNamespace()).isNull();
    }
}
