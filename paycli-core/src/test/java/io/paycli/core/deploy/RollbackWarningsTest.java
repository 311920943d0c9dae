package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pod warnings of a wait are those of the rollout it waits for: a rollback does not repeat the problems of
 * the failed release's pods that it is replacing, and a rollback that fails itself shows its own pods' problems.
 */
class RollbackWarningsTest {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    SandboxFixture cluster;
    Path web;

    @BeforeEach
    void start() {
        cluster = new SandboxFixture(tmp, Duration.ofMinutes(10));
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void deploy(String tag, DeployOptions options) {
        cluster.service.deploy(request(web, "beta", tag), options, cluster.events::add);
    }

    /** The WARNING events, as "message" lines, before ({@code rollback} false) or after the rollback started. */
    private List<String> warnings(boolean rollback) {
        int start = cluster.events.indexOf(DeployEvent.step(Step.ROLLBACK, Kind.STARTED, "back to revision 1"));
        assertThat(start).as("the rollback started").isNotNegative();
        List<DeployEvent> part = rollback ? cluster.events.subList(start, cluster.events.size())
                : cluster.events.subList(0, start);
        return part.stream().filter(e -> e.kind() == Kind.WARNING).map(DeployEvent::message).toList();
    }

    @Test
    void aRollbackDoesNotRepeatTheWarningsOfTheFailedReleasesPods() {
        deploy("1.0.0", options());
        cluster.events.clear();

        assertThatThrownBy(() -> deploy("2.0.0-fail-crash", options()))
                .hasMessageContaining("CrashLoopBackOff")
                .hasMessageContaining("rolled back to revision 1");

        assertThat(warnings(false)).anyMatch(w -> w.contains("CrashLoopBackOff"));
        assertThat(warnings(true)).isEmpty();
    }

    @Test
    void aRollbackThatFailsShowsItsOwnPodsWarningsOnly() {
        // Revision 1 is recorded without a wait: its pods crash-loop, which the rollback to it will meet.
        deploy("1.0.0-fail-crash", new DeployOptions(Duration.ofSeconds(20), false, true, false, false, "tester"));
        cluster.events.clear();
        DeployOptions shortWait = new DeployOptions(Duration.ofSeconds(6), true, true, false, false, "tester")
                .withFailFastGrace(Duration.ofSeconds(1));

        assertThatThrownBy(() -> deploy("2.0.0-fail-pull", shortWait))
                .hasMessageContaining("ImagePullBackOff")
                .hasMessageContaining("rollback to revision 1 is not healthy either")
                .hasMessageContaining("CrashLoopBackOff");

        assertThat(warnings(false)).isNotEmpty().allMatch(w -> w.contains("pull"),
                "the release's own pods' problems, not those of revision 1's pods");
        assertThat(warnings(true)).isNotEmpty().allMatch(w -> w.contains("restarting failed container"),
                "revision 1's pods' problems");
    }
}
