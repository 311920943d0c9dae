package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health rules of a real Deployment controller through the whole pipeline: a stale ProgressDeadlineExceeded
 * does not fail a rollback, new pods that cannot start end the wait long before the timeout, and a pod that
 * restarts once during a slow start still deploys.
 */
class DeployHealthTest {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    SandboxFixture cluster;
    Path web;

    private void start(Duration progressDeadline) {
        cluster = new SandboxFixture(tmp, progressDeadline);
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
        cluster.service.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add);
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private DeployResult deploy(String tag, DeployOptions options) {
        return cluster.service.deploy(request(web, "beta", tag), options, cluster.events::add);
    }

    private List<Release> history() {
        return cluster.service.history(request(web, "beta", null)).releases();
    }

    private String image() {
        return cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void theRollbackAfterAProgressDeadlineIsNotFailedByTheStaleCondition() {
        start(Duration.ofSeconds(2));
        // A long grace, so that the failed release ends by its progress deadline.
        DeployOptions options = options().withFailFastGrace(Duration.ofMinutes(2));

        assertThatThrownBy(() -> deploy("2.0.0-fail-pull", options))
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.DEPLOY_FAILED))
                .hasMessageContaining("ImagePullBackOff")
                .hasMessageContaining("rolled back to revision 1")
                .hasMessageNotContaining("not healthy either");
        assertThat(history().get(0).result()).isEqualTo(Result.ROLLED_BACK);
        assertThat(image()).endsWith(":1.0.0");
    }

    @Test
    void newPodsThatCannotPullTheirImageFailFastLongBeforeTheTimeout() {
        start(Duration.ofMinutes(10));
        DeployOptions options = new DeployOptions(Duration.ofSeconds(120), true, true, false, false, "tester")
                .withFailFastGrace(Duration.ofSeconds(2));

        long started = System.nanoTime();
        assertThatThrownBy(() -> deploy("2.0.0-fail-pull", options))
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.DEPLOY_FAILED))
                .hasMessageContaining("ImagePullBackOff")
                .hasMessageContaining("rolled back to revision 1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
        assertThat(image()).endsWith(":1.0.0");
    }

    @Test
    void aCrashLoopWithThreeRestartsFailsFast() {
        start(Duration.ofMinutes(10));
        DeployOptions options = new DeployOptions(Duration.ofSeconds(120), true, true, false, false, "tester");

        long started = System.nanoTime();
        assertThatThrownBy(() -> deploy("2.0.0-fail-crash", options))
                .hasMessageContaining("CrashLoopBackOff")
                .hasMessageContaining("restarts")
                .hasMessageContaining("rolled back to revision 1");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(60));
    }

    @Test
    void aPodThatRestartsOnceDuringASlowStartStillDeploys() {
        start(Duration.ofMinutes(10));
        DeployOptions options = options().withFailFastGrace(Duration.ZERO);

        DeployResult result = deploy("2.0.0-slow-restart", options);

        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
        assertThat(image()).endsWith(":2.0.0-slow-restart");
    }
}
