package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.DeployLock;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.error.LockHeldException;
import io.paycli.core.error.LockLostException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Release;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pre-scale overrides of an app's HPA: kept by deploys until they expire, then the template's values again. */
class PreScaleTest {
    private static final String NS = "promotion-beta";
    private static final String[] HPA_ON = {"hpa.enabled=true", "hpa.min=2", "hpa.max=5"};

    @TempDir
    Path tmp;
    SandboxFixture cluster;
    Path web;

    @BeforeEach
    void start() {
        cluster = new SandboxFixture(tmp);
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private DeployResult deploy(String tag, String... sets) {
        return cluster.service.deploy(request(web, "beta", tag, sets), options(), cluster.events::add);
    }

    private HorizontalPodAutoscaler hpa() {
        return cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("campaign-web")
                .get();
    }

    /** An override as another paycli wrote it: min/max and the annotations under the pre-scale manager. */
    private void overrideByHand(int min, int max, Instant until) {
        HorizontalPodAutoscaler body = new HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("campaign-web").withNamespace(NS)
                .addToAnnotations("paycli.io/prescale-by", "alice")
                .addToAnnotations("paycli.io/prescale-reason", "year-end campaign")
                .addToAnnotations("paycli.io/prescale-until", until.toString())
                .addToAnnotations("paycli.io/prescale-at", Instant.now().toString())
                .addToAnnotations("paycli.io/prescale-previous-min", "2")
                .addToAnnotations("paycli.io/prescale-previous-max", "5")
                .endMetadata()
                .withNewSpec().withMinReplicas(min).withMaxReplicas(max).endSpec().build();
        cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).resource(body)
                .fieldManager("paycli-prescale").forceConflicts().serverSideApply();
    }

    @Test
    void anOverrideSurvivesTwoDeploysAndTheyToldSo() {
        deploy("1.0.0", HPA_ON);
        overrideByHand(3, 10, Instant.now().plus(6, ChronoUnit.HOURS));

        deploy("1.1.0", HPA_ON);
        deploy("1.2.0", HPA_ON);

        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa().getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(cluster.events).extracting(DeployEvent::message)
                .anySatisfy(m -> assertThat(m).contains("keeps the pre-scale override min 3 max 10 until")
                        .contains("by alice (year-end campaign)"));
    }

    private PreScaleResult scale(int min, int max, Instant until) {
        return scale(min, max, until, cluster.events::add);
    }

    private PreScaleResult scale(int min, int max, Instant until, Consumer<DeployEvent> events) {
        return cluster.service.scale(request(web, "beta", null), min, max, until, "year-end campaign", "alice",
                events);
    }

    private Map<String, String> annotations() {
        Map<String, String> a = hpa().getMetadata().getAnnotations();
        return a == null ? Map.of() : a;
    }

    private List<String> history() {
        return cluster.service.history(request(web, "beta", null)).releases().stream().map(Release::message).toList();
    }

    private int replicas() {
        return cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web").get().getSpec()
                .getReplicas();
    }

    /** Waits for the sandbox's HPA controller, which acts a moment after a write. */
    private void awaitReplicas(int expected) throws InterruptedException {
        for (int i = 0; i < 200 && replicas() != expected; i++) {
            Thread.sleep(50);
        }
        assertThat(replicas()).isEqualTo(expected);
    }

    @Test
    void timesAreRecordedToTheSecond() {
        deploy("1.0.0", HPA_ON);

        PreScaleResult result = scale(3, 10, Instant.parse("2099-12-02T06:00:00.123456789Z"));

        assertThat(annotations()).containsEntry("paycli.io/prescale-until", "2099-12-02T06:00:00Z");
        assertThat(annotations().get("paycli.io/prescale-at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(history().get(0)).contains("until 2099-12-02T06:00:00Z by alice");
        assertThat(result).isNotNull();
    }

    @Test
    void scaleWritesTheBoundsAndWhoWhyAndUntilUnderItsOwnManagerAndTheWorkloadFollows() throws Exception {
        deploy("1.0.0", HPA_ON);
        awaitReplicas(2);
        Instant until = Instant.parse("2099-12-02T06:00:00Z");

        PreScaleResult result = scale(3, 10, until);

        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa().getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(annotations()).containsEntry("paycli.io/prescale-by", "alice")
                .containsEntry("paycli.io/prescale-reason", "year-end campaign")
                .containsEntry("paycli.io/prescale-until", "2099-12-02T06:00:00Z")
                .containsEntry("paycli.io/prescale-previous-min", "2")
                .containsEntry("paycli.io/prescale-previous-max", "5")
                .containsKey("paycli.io/prescale-at");
        assertThat(hpa().getMetadata().getManagedFields()).anySatisfy(f ->
                assertThat(f.getManager()).isEqualTo("paycli-prescale"));
        assertThat(result.entry().revision()).isEqualTo(2);
        assertThat(history().get(0)).isEqualTo("pre-scaled HPA campaign-web to min 3 max 10 until"
                + " 2099-12-02T06:00:00Z by alice: year-end campaign");
        awaitReplicas(3);
        assertThat(cluster.service.preScale(request(web, "beta", null))).hasValueSatisfying(o -> {
            assertThat(o.by()).isEqualTo("alice");
            assertThat(o.previous()).isEqualTo("min 2 max 5");
        });
    }

    @Test
    void aDeployOfTheSameRenderDuringAnOverrideIsUnchangedAndKeepsIt() throws Exception {
        deploy("1.0.0", HPA_ON);
        scale(3, 10, null);
        // The autoscaler raises the workload a moment later; a deploy that met it half-way would see a change.
        awaitReplicas(3);

        DeployResult again = deploy("1.0.0", HPA_ON);

        assertThat(again.unchanged()).isTrue();
        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(3);
    }

    @Test
    void revertPutsTheTemplatesBoundsBackAndRemovesTheRecordThenHasNothingToDo() {
        deploy("1.0.0", HPA_ON);
        scale(3, 10, Instant.now().plus(6, ChronoUnit.HOURS));

        PreScaleResult reverted = cluster.service.revertScale(request(web, "beta", null), "bob", cluster.events::add);

        assertThat(reverted.changed()).isTrue();
        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa().getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(annotations()).noneSatisfy((k, v) -> assertThat(k).startsWith("paycli.io/prescale-"));
        assertThat(history().get(0)).startsWith("reverted the pre-scale of HPA campaign-web (min 3 max 10 until")
                .endsWith("by bob; the template's min 2 max 5 apply");
        PreScaleResult again = cluster.service.revertScale(request(web, "beta", null), "bob", cluster.events::add);
        assertThat(again.changed()).isFalse();
        assertThat(again.message()).isEqualTo("campaign-web (beta) has no pre-scale override: nothing to revert");
        assertThat(history()).hasSize(3);
    }

    @Test
    void anExpiredOverrideGivesWayToTheTemplateAtTheNextDeploy() {
        deploy("1.0.0", HPA_ON);
        scale(3, 10, Instant.now().minus(1, ChronoUnit.MINUTES));
        cluster.events.clear();

        DeployResult next = deploy("1.0.0", HPA_ON);

        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(hpa().getSpec().getMaxReplicas()).isEqualTo(5);
        assertThat(annotations()).noneSatisfy((k, v) -> assertThat(k).startsWith("paycli.io/prescale-"));
        assertThat(cluster.events).extracting(DeployEvent::message).anySatisfy(m ->
                assertThat(m).startsWith("reverted the pre-scale of HPA campaign-web")
                        .contains("as it had expired, at a deploy"));
        assertThat(history().get(0)).contains("as it had expired, at a deploy");
        assertThat(next.unchanged()).as("the revert is its own entry; the render is what is in place").isTrue();
    }

    @Test
    void reconcileRevertsExpiredOverridesOnceAndItsDryRunOnlySays() {
        deploy("1.0.0", HPA_ON);
        scale(3, 10, Instant.now().minus(1, ChronoUnit.MINUTES));

        List<ReconcileOutcome> dry = cluster.service.reconcile(null, NS, true, "cron", cluster.events::add);
        assertThat(dry).singleElement().satisfies(o -> {
            assertThat(o.done()).isFalse();
            assertThat(o.message()).startsWith("would revert the expired pre-scale of HPA promotion-beta/campaign-web");
        });
        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(3);

        List<ReconcileOutcome> done = cluster.service.reconcile(null, null, false, "cron", cluster.events::add);
        assertThat(done).singleElement().satisfies(o -> assertThat(o.done()).isTrue());
        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(annotations()).noneSatisfy((k, v) -> assertThat(k).startsWith("paycli.io/prescale-"));
        assertThat(history().get(0)).contains("as it had expired, by paycli reconcile");

        assertThat(cluster.service.reconcile(null, NS, false, "cron", cluster.events::add)).isEmpty();
        assertThat(history()).hasSize(3);
    }

    @Test
    void reconcileLeavesAnOverrideInForce() {
        deploy("1.0.0", HPA_ON);
        scale(3, 10, Instant.now().plus(1, ChronoUnit.HOURS));

        assertThat(cluster.service.reconcile(null, NS, false, "cron", cluster.events::add)).isEmpty();
        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(3);
    }

    @Test
    void reconcileSkipsAnAppWhoseLockADeployHoldsAndGoesOnWithTheOthers() {
        cluster.createNamespace("promotion");
        deploy("1.0.0", HPA_ON);
        cluster.service.deploy(request(web, "release", "1.0.0"), options(), cluster.events::add);
        Instant past = Instant.now().minus(1, ChronoUnit.MINUTES);
        scale(3, 10, past);
        cluster.service.scale(request(web, "release", null), 4, 8, past, "year-end campaign", "alice", e -> { });

        List<ReconcileOutcome> outcomes;
        try (ClusterGateway other = new KubeconfigConnector(cluster.kubeconfig).connect(null);
             DeployLock held = other.lock(NS, "campaign-web", "ci@runner-7 pid 4242", Duration.ofSeconds(60))) {
            outcomes = cluster.service.reconcile(null, null, false, "cron", cluster.events::add);
            held.ensureHeld();
        }

        assertThat(outcomes).hasSize(2);
        assertThat(outcomes).filteredOn(o -> o.item().namespace().equals(NS)).singleElement().satisfies(o -> {
            assertThat(o.skipped()).isTrue();
            assertThat(o.done()).isFalse();
            assertThat(o.message()).startsWith("skipped: a deploy holds the lock of campaign-web in promotion-beta"
                    + " (holder ci@runner-7 pid 4242").endsWith("); run again later");
        });
        assertThat(outcomes).filteredOn(o -> o.item().namespace().equals("promotion")).singleElement()
                .satisfies(o -> assertThat(o.done()).isTrue());
        assertThat(hpa().getSpec().getMinReplicas()).as("the locked app is left as it is").isEqualTo(3);
        assertThat(cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("promotion")
                .withName("campaign-web").get().getSpec().getMinReplicas()).isEqualTo(2);

        List<ReconcileOutcome> again = cluster.service.reconcile(null, null, false, "cron", cluster.events::add);
        assertThat(again).singleElement().satisfies(o -> assertThat(o.done()).isTrue());
        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(2);
    }

    @Test
    void badBoundsAreRefusedWithExitThreeBeforeAnythingIsRead() {
        for (int[] bad : new int[][] {{5, 3}, {0, 3}, {-1, 3}, {2, 0}}) {
            assertThatThrownBy(() -> scale(bad[0], bad[1], null))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT));
        }
        assertThat(cluster.events).isEmpty();
    }

    @Test
    void anEnvironmentWithoutAnAutoscalerIsRefusedWithExitThreeAndHowToEnableOne() {
        deploy("1.0.0");

        assertThatThrownBy(() -> scale(3, 10, null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("campaign-web (beta) has no autoscaler: revision 1 has no HorizontalPodAutoscaler;"
                        + " enable one with hpa.enabled: true (and hpa.min, hpa.max) in paycli.yaml and deploy, then"
                        + " scale");
    }

    @Test
    void aLockHeldByAnotherDeployRefusesScaleWithExitSixAndChangesNothing() {
        deploy("1.0.0", HPA_ON);
        cluster.client.leases().inNamespace(NS).resource(new LeaseBuilder()
                .withNewMetadata().withName("paycli-lock-campaign-web").endMetadata()
                .withNewSpec().withHolderIdentity("ci@runner-7 pid 4242").withLeaseDurationSeconds(60)
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now())
                .endSpec().build()).create();

        assertThatThrownBy(() -> scale(3, 10, null)).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("ci@runner-7 pid 4242")
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.LOCKED));
        assertThatThrownBy(() -> cluster.service.revertScale(request(web, "beta", null), "bob", e -> { }))
                .isInstanceOf(LockHeldException.class);
        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(2);
    }

    @Test
    void aLockTakenOverBeforeTheWriteStopsScaleWithExitSixAndWritesNothing() {
        deploy("1.0.0", HPA_ON);
        Consumer<DeployEvent> takeOver = e -> {
            if (e.step() == DeployEvent.Step.LOCK && e.kind() == DeployEvent.Kind.DONE) {
                cluster.client.leases().inNamespace(NS).withName("paycli-lock-campaign-web").edit(l ->
                        new LeaseBuilder(l).editSpec().withHolderIdentity("other@ci-9 pid 7").endSpec().build());
                try {
                    // The holder notices at its next renewal, every TTL/6 (5 s).
                    Thread.sleep(ReleasePipeline.LOCK_TTL.toMillis() / 6 + 2000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        };

        assertThatThrownBy(() -> scale(3, 10, null, takeOver)).isInstanceOf(LockLostException.class)
                .hasMessageContaining("other@ci-9 pid 7")
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.LOCKED));
        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(2);
        assertThat(annotations()).noneSatisfy((k, v) -> assertThat(k).startsWith("paycli.io/prescale-"));
        assertThat(history()).hasSize(1);
    }

    @Test
    void rollbackAfterAPreScaleGoesBackToTheReleaseBeforeAndKeepsTheOverride() {
        deploy("1.0.0", HPA_ON);
        deploy("1.1.0", HPA_ON);
        scale(3, 10, null);

        DeployResult back = cluster.service.rollback(request(web, "beta", null), null, options(), cluster.events::add);

        assertThat(back.release().tag()).isEqualTo("1.0.0");
        assertThat(back.release().message()).isEqualTo("rollback to revision 1");
        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(3);
    }

    @Test
    void aFailedDeployRolledBackDuringAnOverrideKeepsIt() {
        deploy("1.0.0", HPA_ON);
        scale(3, 10, null);

        assertThatThrownBy(() -> deploy("1.1.0-fail", HPA_ON)).isInstanceOf(PaycliException.class)
                .hasMessageContaining("rolled back to revision 2");

        assertThat(hpa().getSpec().getMinReplicas()).isEqualTo(3);
        assertThat(hpa().getSpec().getMaxReplicas()).isEqualTo(10);
    }

    @Test
    void aDiffDuringAnOverrideShowsTheHpaAsADeployWouldLeaveIt() {
        deploy("1.0.0", HPA_ON);
        scale(3, 10, null);

        Diff diff = cluster.service.diff(request(web, "beta", "1.0.0", HPA_ON));

        assertThat(diff.objects()).filteredOn(o -> o.ref().kind().equals("HorizontalPodAutoscaler"))
                .singleElement().satisfies(o -> assertThat(o.change()).as(o.unified())
                        .isEqualTo(Diff.Change.UNCHANGED));
    }
}
