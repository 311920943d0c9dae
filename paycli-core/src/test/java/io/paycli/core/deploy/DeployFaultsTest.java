package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.error.DeployInterruptedException;
import io.paycli.core.error.LockHeldException;
import io.paycli.core.error.LockLostException;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lock, and faults injected into the API server. Whatever happens, a deploy ends completed or
 * rolled back, with the lock released, a release record that says what happened, and a clear error.
 */
class DeployFaultsTest {
    private static final String NS = "promotion-beta";
    private static final String DEPLOYMENT = ".*/namespaces/promotion-beta/deployments/campaign-web";

    @TempDir
    Path tmp;
    SandboxFixture cluster;
    Path web;

    @BeforeEach
    void start() {
        cluster = new SandboxFixture(tmp);
        cluster.createNamespace(NS);
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
        cluster.service.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private DeployResult deploy(String tag) {
        return cluster.service.deploy(request(web, "beta", tag), options(), cluster.events::add);
    }

    private List<Release> history() {
        return cluster.service.history(request(web, "beta", null)).releases();
    }

    private void assertLockReleased() {
        assertThat(cluster.client.leases().inNamespace(NS).list().getItems()).isEmpty();
    }

    @Test
    void aSecondConcurrentDeployExitsSixAndNamesTheHolder() throws Exception {
        // The first deploy waits for a release that never becomes ready, so it holds the lock for a while.
        CompletableFuture<Throwable> first = CompletableFuture.supplyAsync(() -> {
            try {
                deploy("2.0.0-fail");
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        while (cluster.client.leases().inNamespace(NS).list().getItems().isEmpty() && !first.isDone()) {
            Thread.sleep(20);
        }
        assertThat(first.isDone()).as("the first deploy still runs: %s", first.isDone() ? first.get() : "").isFalse();
        assertThatThrownBy(() -> deploy("3.0.0"))
                .isInstanceOf(LockHeldException.class)
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.LOCKED))
                .hasMessageContaining("tester@");
        assertThat(first.get(60, TimeUnit.SECONDS)).isNotNull();
        assertLockReleased();
        assertThat(history()).extracting(Release::tag).doesNotContain("3.0.0");
    }

    @Test
    void aLeaseLeftByAKilledProcessIsTakenOverAfterItsTtl() throws Exception {
        cluster.client.leases().inNamespace(NS).resource(new LeaseBuilder()
                .withNewMetadata().withName("paycli-lock-campaign-web").endMetadata()
                .withNewSpec().withHolderIdentity("ci@runner-7 pid 4242").withLeaseDurationSeconds(1)
                .withAcquireTime(ZonedDateTime.now().minusMinutes(5)).withRenewTime(ZonedDateTime.now().minusMinutes(3))
                .endSpec().build()).create();
        // Nobody renews it: two seconds later, by the server's clock, it has run out.
        Thread.sleep(2100);
        DeployResult result = deploy("1.1.0");
        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
        assertLockReleased();
    }

    @Test
    void aLiveLeaseOfAnotherHolderIsRespected() {
        cluster.client.leases().inNamespace(NS).resource(new LeaseBuilder()
                .withNewMetadata().withName("paycli-lock-campaign-web").endMetadata()
                .withNewSpec().withHolderIdentity("ci@runner-7 pid 4242").withLeaseDurationSeconds(60)
                .withAcquireTime(ZonedDateTime.now()).withRenewTime(ZonedDateTime.now())
                .endSpec().build()).create();
        assertThatThrownBy(() -> deploy("1.1.0")).isInstanceOf(LockHeldException.class)
                .hasMessageContaining("ci@runner-7 pid 4242");
        assertThat(cluster.client.leases().inNamespace(NS).withName("paycli-lock-campaign-web").get()
                .getSpec().getHolderIdentity()).isEqualTo("ci@runner-7 pid 4242");
    }

    @Test
    void aLockTakenOverInTheMiddleOfADeployStopsItWithoutRollbackPruneOrRecord() throws Exception {
        try (SandboxFixture slow = new SandboxFixture(tmp.resolve("slow"), SandboxSettings.defaults()
                .withRolloutDelay(Duration.ofMinutes(5)))) {
            slow.createNamespace(NS);
            DeployOptions noWait = new DeployOptions(Duration.ofSeconds(20), false, true, false, false, "tester");
            slow.service.deploy(request(web, "beta", "1.0.0"), noWait, e -> { });
            CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> {
                try {
                    slow.service.deploy(request(web, "beta", "2.0.0"), options(), slow.events::add);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            var deployments = slow.client.apps().deployments().inNamespace(NS).withName("campaign-web");
            while (!deployments.get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage()
                    .endsWith(":2.0.0") && !second.isDone()) {
                Thread.sleep(20);
            }
            slow.client.leases().inNamespace(NS).withName("paycli-lock-campaign-web").edit(l -> new LeaseBuilder(l)
                    .editSpec().withHolderIdentity("other@ci-9 pid 7").endSpec().build());

            Throwable failure = second.get(60, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(LockLostException.class).hasMessageContaining("other@ci-9 pid 7")
                    .hasMessageContaining("nothing was rolled back or recorded");
            assertThat(((PaycliException) failure).exitCode()).isEqualTo(ExitCodes.LOCKED);
            assertThat(slow.service.history(request(web, "beta", null)).releases()).extracting(Release::revision)
                    .containsExactly(1);
            assertThat(deployments.get().getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                    .endsWith(":2.0.0");
            assertThat(slow.events).noneMatch(e -> e.step() == io.paycli.core.model.DeployEvent.Step.ROLLBACK
                    || e.step() == io.paycli.core.model.DeployEvent.Step.RECORD);
            assertThat(slow.client.leases().inNamespace(NS).withName("paycli-lock-campaign-web").get().getSpec()
                    .getHolderIdentity()).isEqualTo("other@ci-9 pid 7");
        }
    }

    @Test
    void aDeployStoppedDuringItsWaitPutsThePreviousRevisionBackAndRecordsItAsInterrupted() {
        Cancellation stop = new Cancellation();
        DeployOptions stoppable = options().withCancellation(stop);
        List<DeployEvent> seen = new java.util.ArrayList<>();
        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "2.0.0-fail"), stoppable, e -> {
            seen.add(e);
            if (e.step() == DeployEvent.Step.WAIT && e.kind() == DeployEvent.Kind.STARTED) {
                stop.cancel("SIGTERM");
            }
        })).isInstanceOf(DeployInterruptedException.class)
                .hasMessage("deploy of campaign-web 2.0.0-fail (revision 2) interrupted by SIGTERM: put revision 1"
                        + " (1.0.0) back without waiting for its health; recorded as interrupted; lock released");
        assertThat(image()).endsWith(":1.0.0");
        assertThat(history().get(0).result()).isEqualTo(Result.INTERRUPTED);
        assertThat(seen).noneMatch(e -> e.step() == DeployEvent.Step.WAIT && e.kind() == DeployEvent.Kind.DONE);
        assertLockReleased();
    }

    @Test
    void aSignalDuringTheAutomaticRollbackCutsItsWaitShortButNotItsApply() {
        Cancellation stop = new Cancellation();
        DeployOptions stoppable = options().withCancellation(stop);
        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "2.0.0-fail"), stoppable, e -> {
            if (e.step() == DeployEvent.Step.ROLLBACK && e.kind() == DeployEvent.Kind.STARTED) {
                stop.cancel("SIGINT");
            }
        })).isInstanceOf(DeployFailedException.class)
                .hasMessageContaining("rolled back to revision 1 (1.0.0) without waiting for its health (interrupted"
                        + " by SIGINT)");
        assertThat(image()).endsWith(":1.0.0");
        assertThat(history().get(0).result()).isEqualTo(Result.ROLLED_BACK);
        assertLockReleased();
    }

    private String image() {
        return cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getImage();
    }

    @Test
    void aReleaseRecordOverTheSecretLimitFailsBeforeAnythingIsApplied() throws Exception {
        // Each object is within its limits, but random text compresses too little for the record's Secret.
        java.nio.file.Files.writeString(web.resolve("config/common/big.txt"), random(1_000_000));
        String env = "env.BIG=" + random(700_000);

        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "1.1.0", env), options(), e -> { }))
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT))
                .hasMessageMatching("the release record of campaign-web 1\\.1\\.0 would be 1,[0-9]{3},[0-9]{3} bytes even"
                        + " compressed, over the 1,032,192 bytes a release record may use \\(a Secret holds 1,048,576"
                        + " bytes; 16,384 stay free for the message of a failed release\\): nothing was changed; .*");
        assertThat(cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.0.0");
        assertThat(cluster.client.configMaps().inNamespace(NS).list().getItems()).hasSize(1);
        assertThat(history()).extracting(Release::revision).containsExactly(1);
        assertLockReleased();
    }

    private static String random(int length) {
        java.util.Random random = new java.util.Random(length);
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder text = new StringBuilder(length);
        while (text.length() < length) {
            text.append(letters.charAt(random.nextInt(letters.length())));
        }
        return text.toString();
    }

    @Test
    void anApiServerLostDuringTheWaitStopsTheDeployWithExitFourLongBeforeTheTimeout() throws Exception {
        SandboxFixture slow = new SandboxFixture(tmp.resolve("lost"), SandboxSettings.defaults()
                .withRolloutDelay(Duration.ofMinutes(5)));
        try {
            slow.createNamespace(NS);
            DeployOptions noWait = new DeployOptions(Duration.ofSeconds(20), false, true, false, false, "tester");
            slow.service.deploy(request(web, "beta", "1.0.0"), noWait, e -> { });
            DeployOptions patient = new DeployOptions(Duration.ofMinutes(5), true, true, false, false, "tester");
            CompletableFuture<Throwable> second = CompletableFuture.supplyAsync(() -> {
                try {
                    slow.service.deploy(request(web, "beta", "2.0.0"), patient, slow.events::add);
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            while (slow.events.stream().noneMatch(e -> e.step() == io.paycli.core.model.DeployEvent.Step.WAIT)
                    && !second.isDone()) {
                Thread.sleep(20);
            }
            slow.sandbox.close();

            Throwable failure = second.get(90, TimeUnit.SECONDS);
            assertThat(failure).isInstanceOf(io.paycli.core.error.ServerLostException.class)
                    .hasMessageContaining("lost the API server")
                    .hasMessageContaining("expires by itself")
                    .hasMessageContaining("nothing was rolled back or recorded");
            assertThat(((PaycliException) failure).exitCode()).isEqualTo(ExitCodes.CLUSTER);
            assertThat(slow.events).noneMatch(e -> e.step() == io.paycli.core.model.DeployEvent.Step.ROLLBACK);
        } finally {
            slow.close();
        }
    }

    @Test
    void transientServerErrorsAreRetriedAndTheDeployCompletes() {
        cluster.sandbox.faults().failNext(2, "PATCH", DEPLOYMENT, 500, "etcdserver: request timed out");
        cluster.sandbox.faults().throttleNext(1, "PATCH", ".*/services/campaign-web", 1);
        DeployResult result = deploy("1.1.0");
        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
        assertLockReleased();
    }

    @Test
    void aConnectionDroppedInTheMiddleOfAnApplyIsRetried() {
        cluster.sandbox.faults().dropNext(1, "PATCH", DEPLOYMENT);
        DeployResult result = deploy("1.1.0");
        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
        assertThat(cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.1.0");
        assertLockReleased();
    }

    @Test
    void aServerThatKeepsFailingUntilTheDeadlineEndsWithARecordNamingTheError() {
        cluster.sandbox.faults().failNext(1000, "PATCH", DEPLOYMENT, 500, "etcdserver: leader changed");
        DeployOptions quick = new DeployOptions(Duration.ofSeconds(2), true, true, false, false, "tester");
        long started = System.nanoTime();
        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "1.1.0"), quick, cluster.events::add))
                .isInstanceOf(PaycliException.class)
                .hasMessageContaining("Deployment")
                .hasMessageContaining("campaign-web")
                .hasMessageContaining("leader changed")
                .hasMessageContaining("rollback to revision 1 failed");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("retried within the deadlines only")
                .isLessThan(Duration.ofSeconds(15));
        Release attempt = history().get(0);
        assertThat(attempt.revision()).isEqualTo(2);
        assertThat(attempt.result()).isEqualTo(Result.FAILED);
        assertThat(attempt.message()).contains("leader changed");
        assertLockReleased();
    }

    @Test
    void aServerThatFailsForAWhileIsRiddenOutWithinTheDeadline() {
        cluster.sandbox.faults().failNext(7, "PATCH", DEPLOYMENT, 503, "the API server is restarting");
        DeployResult result = deploy("1.1.0");
        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
        assertLockReleased();
    }

    @Test
    void anApplyConflictThatIsNotAboutFieldOwnershipIsRetriedAndTheDeployCompletes() {
        cluster.sandbox.faults().failNext(1, "PATCH", ".*/services/campaign-web", 409,
                "Operation cannot be fulfilled on services \"campaign-web\": the object has been modified");
        DeployResult result = deploy("1.1.0");
        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
        assertLockReleased();
    }

    @Test
    void createNamespaceReadsAnExistingNamespaceAndNeedsNoRightToWriteIt() {
        cluster.sandbox.faults().forbid("patch", "namespaces", null);
        DeployOptions create = new DeployOptions(Duration.ofSeconds(20), true, true, false, true, "tester");
        DeployResult result = cluster.service.deploy(request(web, "beta", "1.1.0"), create, cluster.events::add);
        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
    }

    @Test
    void anAdmissionDenialExitsThreeWithThePolicyMessage() {
        cluster.sandbox.faults().denyAdmission(1, "PATCH", DEPLOYMENT, "policy.example.com", "images must come from the approved registry");
        assertThatThrownBy(() -> deploy("1.1.0"))
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.INVALID_INPUT))
                .hasMessageContaining("images must come from the approved registry");
        assertThat(history().get(0).result()).isEqualTo(Result.ROLLED_BACK);
        assertLockReleased();
    }

    @Test
    void aWatchThatClosesOrExpiresDuringTheWaitDoesNotLoseTheRollout() throws Exception {
        cluster.sandbox.faults().expireNextWatches(1);
        CompletableFuture<DeployResult> deploy = CompletableFuture.supplyAsync(() -> deploy("1.1.0"));
        Thread.sleep(50);
        cluster.sandbox.faults().closeWatches();
        DeployResult result = deploy.get(60, TimeUnit.SECONDS);
        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
        assertLockReleased();
    }

    @Test
    void aTimeoutShorterThanTheRolloutFailsAndSaysWhy() {
        DeployOptions quick = new DeployOptions(Duration.ofMillis(1), true, true, false, false, "tester");
        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "1.1.0"), quick, cluster.events::add))
                .satisfies(e -> assertThat(((PaycliException) e).exitCode()).isEqualTo(ExitCodes.DEPLOY_FAILED));
        assertLockReleased();
        assertThat(history().get(0).result()).isIn(Result.ROLLED_BACK, Result.FAILED);
    }
}
