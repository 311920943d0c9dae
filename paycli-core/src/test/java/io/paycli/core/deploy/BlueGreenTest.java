package io.paycli.core.deploy;

import static io.paycli.core.deploy.BlueGreenFixture.APP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.DeployFailedException;
import io.paycli.core.error.DeployInterruptedException;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.BlueGreenState.Phase;
import io.paycli.core.model.Colour;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Blue-green releases through the DeployService against the sandbox; each scenario ends with the capacity replay. */
class BlueGreenTest {
    @TempDir
    Path tmp;
    BlueGreenFixture bg;

    @AfterEach
    void stop() {
        bg.close();
    }

    private void start(String blueGreen) {
        bg = new BlueGreenFixture(tmp, blueGreen);
    }

    @Test
    void theFirstDeployMakesBlueActiveAndASecondGoesToGreenAndSwitches() {
        start("{scaleDownDelay: 10m}");
        Release first = bg.deploy("1.0.0").release();

        assertThat(bg.selected(APP)).isEqualTo("blue");
        assertThat(bg.selected(APP + "-preview")).isEqualTo("blue");
        assertThat(bg.deployment(APP + "-blue").getStatus().getReadyReplicas()).isEqualTo(1);
        assertThat(bg.deployment(APP)).isNull();
        assertThat(first.blueGreen().live()).isEqualTo(Colour.BLUE);
        assertThat(first.blueGreen().phase()).isEqualTo(Phase.PROMOTED);

        Release second = bg.deploy("1.1.0").release();

        assertThat(bg.selected(APP)).isEqualTo("green");
        assertThat(bg.image(APP + "-green")).endsWith(":1.1.0");
        assertThat(bg.image(APP + "-blue")).endsWith(":1.0.0");
        assertThat(bg.replicas(APP + "-blue")).as("the old colour stays up for its window").isEqualTo(1);
        BlueGreenState state = second.blueGreen();
        assertThat(state.live()).isEqualTo(Colour.GREEN);
        assertThat(state.idle()).isEqualTo(Colour.BLUE);
        assertThat(state.idleTag()).isEqualTo("1.0.0");
        assertThat(state.idleRevision()).isEqualTo(first.revision());
        assertThat(state.idleWindowEnd()).isAfter(Instant.now().plusSeconds(500));
        bg.assertCapacityKept();
    }

    @Test
    void aDeployOfWhatServesAlreadyIsUnchanged() {
        start("");
        bg.deploy("1.0.0");
        DeployResult again = bg.deploy("1.0.0");

        assertThat(again.unchanged()).isTrue();
        assertThat(bg.history()).hasSize(1);
    }

    @Test
    void aFailingNewColourLeavesTrafficAloneScalesItDownAndExitsFive() {
        start("");
        bg.deploy("1.0.0");
        long before = bg.lastSeq();

        assertThatThrownBy(() -> bg.deploy("2.0-fail"))
                .isInstanceOf(DeployFailedException.class)
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.DEPLOY_FAILED))
                .hasMessageContaining("traffic stayed on " + APP + "-blue")
                .hasMessageContaining(APP + "-green scaled to 0");

        assertThat(bg.selections(before)).containsOnly("blue");
        assertThat(bg.selected(APP)).isEqualTo("blue");
        assertThat(bg.replicas(APP + "-green")).isZero();
        assertThat(bg.history().get(0).result()).isEqualTo(Result.ROLLED_BACK);
        bg.assertCapacityKept();
    }

    @Test
    void withoutAutoPromoteTheDeployEndsOnPreviewAndPromoteSwitchesWithOnePatch() {
        start("{autoPromote: false}");
        bg.deploy("1.0.0");
        Release preview = bg.deploy("1.1.0").release();

        assertThat(preview.blueGreen().phase()).isEqualTo(Phase.PREVIEW);
        assertThat(bg.selected(APP)).isEqualTo("blue");
        assertThat(bg.selected(APP + "-preview")).isEqualTo("green");
        assertThat(bg.deployment(APP + "-green").getStatus().getReadyReplicas()).isEqualTo(1);
        long before = bg.lastSeq();

        Release promoted = bg.promote().release();

        assertThat(bg.selections(before)).containsExactly("green");
        assertThat(bg.writes(before, "Deployment", APP + "-green")).noneMatch(e -> e.actor().equals("paycli"));
        assertThat(promoted.blueGreen().phase()).isEqualTo(Phase.PROMOTED);
        assertThat(promoted.blueGreen().live()).isEqualTo(Colour.GREEN);
        assertThat(promoted.tag()).isEqualTo("1.1.0");
        assertThat(promoted.message()).startsWith("promoted green (1.1.0, revision " + preview.revision() + ")");
        bg.assertCapacityKept();
    }

    @Test
    void abortScalesTheNewColourDownAndLeavesTrafficAlone() {
        start("{autoPromote: false}");
        bg.deploy("1.0.0");
        bg.deploy("1.1.0");
        long before = bg.lastSeq();

        Release aborted = bg.abort().release();

        assertThat(bg.writes(before, "Service", APP)).isEmpty();
        assertThat(bg.replicas(APP + "-green")).isZero();
        assertThat(aborted.blueGreen().phase()).isEqualTo(Phase.ABORTED);
        assertThat(aborted.tag()).isEqualTo("1.0.0");
        assertThatThrownBy(bg::promote).isInstanceOf(PaycliException.class)
                .hasMessageContaining("nothing to promote: " + APP + " (beta) has no release waiting on preview")
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT));
        bg.assertCapacityKept();
    }

    @Test
    void rollbackInsideTheWindowSwitchesBackWithOneServicePatchAndNoRollout() {
        start("{scaleDownDelay: 10m}");
        bg.deploy("1.0.0");
        bg.deploy("1.1.0");
        long before = bg.lastSeq();

        Release back = bg.rollback().release();

        assertThat(bg.selections(before)).containsExactly("blue");
        assertThat(bg.writes(before, "Deployment", APP + "-blue")).as("no rollout").isEmpty();
        assertThat(bg.writes(before, "Deployment", APP + "-green")).isEmpty();
        assertThat(back.blueGreen().phase()).isEqualTo(Phase.SWITCHED_BACK);
        assertThat(back.tag()).isEqualTo("1.0.0");
        assertThat(bg.image(APP + "-blue")).endsWith(":1.0.0");
        bg.assertCapacityKept();
    }

    @Test
    void aSmokeCheckThatFailsLeavesTrafficAloneAndExitsFive() {
        start("");
        bg.deploy("1.0.0");
        bg.configure("{smoke: {image: 'registry.example.com/smoke:fail', command: [sh, -c, 'curl -f $PREVIEW_URL'],"
                + " timeout: 30s}}");
        long before = bg.lastSeq();

        assertThatThrownBy(() -> bg.deploy("1.1.0"))
                .isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("smoke check " + APP + "-smoke-2 failed")
                .hasMessageContaining(APP + "-green scaled to 0");

        assertThat(bg.selections(before)).containsOnly("blue");
        assertThat(bg.replicas(APP + "-green")).isZero();
        assertThat(bg.cluster.client.batch().v1().jobs().inNamespace(BlueGreenFixture.NS).withName(APP + "-smoke-2")
                .get().getSpec().getBackoffLimit()).isZero();
        bg.assertCapacityKept();
    }

    @Test
    void aSmokeCheckThatPassesIsDeletedAndTrafficMoves() {
        start("{smoke: {image: 'registry.example.com/smoke:1.0', command: [sh, -c, 'curl -f $PREVIEW_URL']}}");
        bg.deploy("1.0.0");
        bg.deploy("1.1.0");

        assertThat(bg.selected(APP)).isEqualTo("green");
        assertThat(bg.cluster.client.batch().v1().jobs().inNamespace(BlueGreenFixture.NS).withName(APP + "-smoke-2")
                .get()).isNull();
        bg.assertCapacityKept();
    }

    @Test
    void afterTheWindowReconcileScalesTheOldColourToZeroOnceAndRecordsIt() throws InterruptedException {
        start("{scaleDownDelay: 1s}");
        bg.deploy("1.0.0");
        bg.deploy("1.1.0");
        Thread.sleep(1500);
        String user = "scheduler";

        List<ReconcileOutcome> dry = bg.cluster.service.reconcile(null, BlueGreenFixture.NS, true, user, e -> { });
        assertThat(dry).extracting(ReconcileOutcome::message).containsExactly("would scale " + APP + "-blue (1.0.0)"
                + " to 0: its switch-back window ended at " + bg.history().get(0).blueGreen().idleWindowEnd());
        assertThat(bg.replicas(APP + "-blue")).isEqualTo(1);

        List<ReconcileOutcome> done = bg.cluster.service.reconcile(null, BlueGreenFixture.NS, false, user, e -> { });
        List<ReconcileOutcome> again = bg.cluster.service.reconcile(null, BlueGreenFixture.NS, false, user, e -> { });

        assertThat(done).singleElement().satisfies(o -> assertThat(o.done()).isTrue());
        assertThat(again).isEmpty();
        assertThat(bg.replicas(APP + "-blue")).isZero();
        assertThat(bg.selected(APP)).isEqualTo("green");
        Release entry = bg.history().get(0);
        assertThat(entry.message()).startsWith("scaled blue (1.0.0, revision 1) to 0");
        assertThat(entry.user()).isEqualTo(user);
        assertThat(entry.blueGreen().idleWindowEnd()).isNull();
        bg.assertCapacityKept();
    }

    @Test
    void afterTheWindowRollbackDeploysTheEarlierReleaseToTheIdleColour() throws InterruptedException {
        start("{scaleDownDelay: 1s}");
        bg.deploy("1.0.0");
        bg.deploy("1.1.0");
        Thread.sleep(1500);
        bg.cluster.service.reconcile(null, BlueGreenFixture.NS, false, "scheduler", e -> { });

        Release back = bg.rollback().release();

        assertThat(back.message()).startsWith("rollback to revision 1; blue serves it now");
        assertThat(bg.selected(APP)).isEqualTo("blue");
        assertThat(bg.image(APP + "-blue")).endsWith(":1.0.0");
        assertThat(bg.deployment(APP + "-blue").getStatus().getReadyReplicas()).isEqualTo(1);
        bg.assertCapacityKept();
    }

    @Test
    void aRollingAppSwitchesToBlueGreenAndBackWithoutLosingCapacity() {
        start(null);
        bg.deploy("1.0.0", "replicas=2");
        assertThat(bg.deployment(APP).getStatus().getReadyReplicas()).isEqualTo(2);

        bg.configure("");
        bg.deploy("1.1.0", "replicas=2");

        assertThat(bg.selected(APP)).isEqualTo("blue");
        assertThat(bg.deployment(APP)).as("the rolling Deployment goes after the switch").isNull();
        assertThat(bg.deployment(APP + "-blue").getStatus().getReadyReplicas()).isEqualTo(2);

        bg.configure(null);
        bg.deploy("1.2.0", "replicas=2");

        assertThat(bg.service(APP).getSpec().getSelector()).doesNotContainKey("paycli.io/colour");
        assertThat(bg.deployment(APP).getStatus().getReadyReplicas()).isEqualTo(2);
        assertThat(bg.deployment(APP + "-blue")).isNull();
        assertThat(bg.service(APP + "-preview")).isNull();
        bg.assertCapacityKept();
    }

    @Test
    void afterAFailedDeployTookTheWindowOverRollbackDeploysTheReleaseBeforeTheLiveOne() {
        start("{scaleDownDelay: 10m}");
        bg.deploy("1.0.0");
        bg.deploy("1.1.0");
        assertThatThrownBy(() -> bg.deploy("2.0-fail")).isInstanceOf(DeployFailedException.class);
        assertThat(bg.cluster.events).extracting(e -> e.message())
                .anySatisfy(m -> assertThat(m).startsWith("this release takes over blue (1.0.0, revision 1)"));

        Release back = bg.rollback().release();

        assertThat(back.message()).startsWith("rollback to revision 1; blue serves it now");
        assertThat(bg.selected(APP)).isEqualTo("blue");
        assertThat(bg.image(APP + "-blue")).endsWith(":1.0.0");
        bg.assertCapacityKept();
    }

    @Test
    void rollbackWhileAReleaseWaitsOnPreviewIsRefused() {
        start("{autoPromote: false}");
        bg.deploy("1.0.0");
        bg.deploy("1.1.0");

        assertThatThrownBy(bg::rollback).isInstanceOf(PaycliException.class)
                .hasMessage("revision 2 (1.1.0) waits on preview: abort or promote it first; rollback goes back from"
                        + " the release that serves")
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT));
    }

    @Test
    void aDeployStoppedWhileTheNewColourComesUpScalesItToZeroAndLeavesTrafficAlone() {
        start("");
        bg.deploy("1.0.0");
        long before = bg.lastSeq();
        Cancellation stop = new Cancellation();
        Consumer<DeployEvent> events = e -> {
            if (e.step() == DeployEvent.Step.WAIT && e.kind() == DeployEvent.Kind.STARTED) {
                stop.cancel("SIGINT");
            }
        };

        assertThatThrownBy(() -> bg.cluster.service.deploy(SandboxFixture.request(bg.web, "beta", "1.1.0"),
                SandboxFixture.options().withCancellation(stop), events))
                .isInstanceOf(DeployInterruptedException.class)
                .hasMessageContaining("interrupted by SIGINT")
                .hasMessageContaining("traffic stayed on " + APP + "-blue; " + APP + "-green scaled to 0");

        assertThat(bg.selections(before)).containsOnly("blue");
        assertThat(bg.replicas(APP + "-green")).isZero();
        assertThat(bg.history().get(0).result()).isEqualTo(Result.INTERRUPTED);
        assertThat(bg.cluster.client.leases().inNamespace(BlueGreenFixture.NS).list().getItems()).isEmpty();
        bg.assertCapacityKept();
    }

    @Test
    void eachColourMountsItsOwnConfigMapAndBothStayWhileTheColoursUseThem() throws Exception {
        start("{scaleDownDelay: 10m}");
        bg.deploy("1.0.0");
        String blueConfig = configMapOf(APP + "-blue");
        java.nio.file.Files.writeString(bg.web.resolve("config/beta/feature.properties"), "campaign.banner=on\n");
        bg.deploy("1.1.0");

        String greenConfig = configMapOf(APP + "-green");
        assertThat(greenConfig).isNotEqualTo(blueConfig);
        assertThat(configMapOf(APP + "-blue")).isEqualTo(blueConfig);
        assertThat(bg.cluster.client.configMaps().inNamespace(BlueGreenFixture.NS).withName(blueConfig).get())
                .isNotNull();

        bg.rollback();

        assertThat(bg.selected(APP)).isEqualTo("blue");
        assertThat(bg.cluster.client.configMaps().inNamespace(BlueGreenFixture.NS).withName(blueConfig).get())
                .isNotNull();
        assertThat(bg.cluster.client.configMaps().inNamespace(BlueGreenFixture.NS).withName(greenConfig).get())
                .isNotNull();
        bg.assertCapacityKept();
    }

    private String configMapOf(String deployment) {
        return bg.deployment(deployment).getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow().getConfigMap().getName();
    }
}
