package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.DeployFailedException;
import io.paycli.core.model.Release.Result;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A deployer bound to Kubernetes' built-in edit ClusterRole in the app's namespace, as a CI deployer usually is. */
class LeastPrivilegeTest {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    RbacFixture cluster;
    Path web;

    @BeforeEach
    void start() {
        cluster = new RbacFixture(tmp);
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void anEditUserDeploysPrunesRollsBackAndReads() {
        cluster.bindClusterRole(NS, "ci", "edit");
        DeployService ci = cluster.serviceAs("ci-token");

        assertThat(ci.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add).release().result())
                .isEqualTo(Result.SUCCEEDED);
        DeployResult pruning = ci.deploy(request(web, "beta", "1.0.0", "ingress.enabled=false"), options(),
                cluster.events::add);
        assertThat(pruning.pruned()).extracting(r -> r.kind() + "/" + r.name()).containsExactly("Ingress/campaign-web");
        assertThat(cluster.admin.network().v1().ingresses().inNamespace(NS).withName("campaign-web").get()).isNull();

        assertThatThrownBy(() -> ci.deploy(request(web, "beta", "2.0.0-fail"), options(), cluster.events::add))
                .isInstanceOf(DeployFailedException.class).hasMessageContaining("rolled back to revision 2");

        assertThat(ci.rollback(request(web, "beta", null), 1, options(), cluster.events::add).release().result())
                .isEqualTo(Result.SUCCEEDED);
        assertThat(cluster.admin.network().v1().ingresses().inNamespace(NS).withName("campaign-web").get()).isNotNull();
        assertThat(ci.history(request(web, "beta", null)).releases()).hasSize(4);
        assertThat(ci.status(request(web, "beta", null))).isNotNull();
        Diff diff = ci.diff(request(web, "beta", "1.1.0", "ingress.enabled=false"));
        assertThat(diff.objects()).extracting(d -> d.ref().kind() + " " + d.change())
                .contains("Ingress DELETED", "Deployment CHANGED");
    }
}
