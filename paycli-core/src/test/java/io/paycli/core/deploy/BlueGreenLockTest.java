package io.paycli.core.deploy;

import static io.paycli.core.deploy.BlueGreenFixture.APP;
import static io.paycli.core.deploy.BlueGreenFixture.NS;
import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.LockHeldException;
import io.paycli.core.error.LockLostException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every blue-green path holds the app's deploy lock, and a lost lock stops it as it stops a rolling deploy. */
class BlueGreenLockTest {
    private static final String LEASE = "paycli-lock-" + APP;

    @TempDir
    Path tmp;
    BlueGreenFixture bg;

    @AfterEach
    void stop() {
        bg.close();
    }

    @Test
    void aLockHeldByAnotherRunRefusesDeployPromoteAbortAndRollbackWithExitSix() {
        bg = new BlueGreenFixture(tmp, "{autoPromote: false}");
        bg.deploy("1.0.0");
        bg.deploy("1.1.0");
        bg.cluster.client.leases().inNamespace(NS).resource(new LeaseBuilder()
                .withNewMetadata().withName(LEASE).endMetadata()
                .withNewSpec().withHolderIdentity("ci@runner-7 pid 4242").withLeaseDurationSeconds(60)
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now())
                .endSpec().build()).create();
        long before = bg.lastSeq();

        for (Runnable step : new Runnable[] {() -> bg.deploy("1.2.0"), bg::promote, bg::abort, bg::rollback}) {
            assertThatThrownBy(step::run).isInstanceOf(LockHeldException.class)
                    .hasMessageContaining("ci@runner-7 pid 4242")
                    .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.LOCKED));
        }
        assertThat(bg.writes(before, "Deployment", APP + "-blue")).isEmpty();
        assertThat(bg.writes(before, "Deployment", APP + "-green")).isEmpty();
        assertThat(bg.writes(before, "Service", APP)).isEmpty();
        assertThat(bg.history()).hasSize(2);
    }

    @Test
    void aLockTakenOverWhileTheNewColourComesUpStopsTheDeployBeforeTrafficMoves() {
        bg = new BlueGreenFixture(tmp, "");
        bg.deploy("1.0.0");
        long before = bg.lastSeq();
        Consumer<DeployEvent> takeOver = e -> {
            if (e.step() == DeployEvent.Step.WAIT && e.kind() == DeployEvent.Kind.STARTED) {
                bg.cluster.client.leases().inNamespace(NS).withName(LEASE).edit(l ->
                        new LeaseBuilder(l).editSpec().withHolderIdentity("other@ci-9 pid 7").endSpec().build());
                try {
                    // The holder notices at its next renewal, every TTL/6 (5 s).
                    Thread.sleep(ReleasePipeline.LOCK_TTL.toMillis() / 6 + 2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        assertThatThrownBy(() -> bg.cluster.service.deploy(request(bg.web, "beta", "1.1.0"), options(), takeOver))
                .isInstanceOf(LockLostException.class)
                .hasMessageContaining("other@ci-9 pid 7")
                .hasMessageContaining("traffic was not moved")
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.LOCKED));

        assertThat(bg.selections(before)).containsOnly("blue");
        assertThat(bg.history()).hasSize(1);
        bg.assertCapacityKept();
    }
}
