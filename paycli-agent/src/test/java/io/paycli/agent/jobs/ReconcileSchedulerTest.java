package io.paycli.agent.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paycli.agent.ExampleApps;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(120)
class ReconcileSchedulerTest {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private ReconcileScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.stop(Duration.ofSeconds(5));
        }
    }

    private static ReconcileScheduler.Scope scope(String namespace) {
        return new ReconcileScheduler.Scope(Sandbox.DEFAULT_CONTEXT, namespace);
    }

    private double runs(String outcome) {
        var counter = meters.find(ReconcileScheduler.RUNS).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A scheduler that never reaches the cluster: for rounds whose namespaces are none, or cannot be listed. */
    private ReconcileScheduler offline(java.util.function.Supplier<Set<String>> namespaces, Duration every) {
        scheduler = new ReconcileScheduler(DeployService.offline(Catalog.builtin(), new TemplateEngine()),
                () -> namespaces.get().stream().map(ReconcileSchedulerTest::scope).collect(Collectors.toSet()),
                every, ReconcileScheduler.USER, meters);
        return scheduler;
    }

    @Test
    void aRoundRevertsAnExpiredPreScaleAndAFailingNamespaceDoesNotStopTheNext() {
        try (Sandbox sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100)));
             KubernetesClient cluster = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                     .withMasterUrl(sandbox.url()).withOauthToken("sandbox").build()).build()) {
            cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                    .create();
            Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
            DeployService deploys = new DeployService(Catalog::builtin, new TemplateEngine(),
                    new KubeconfigConnector(kubeconfig), List.of(), Clock.systemUTC());
            Path web = ExampleApps.copy("web", tmp.resolve("web"));
            List<String> hpaOn = List.of("hpa.enabled=true", "hpa.min=2", "hpa.max=5");
            deploys.deploy(new DeployRequest(web, "beta", "1.0.0", hpaOn, Sandbox.DEFAULT_CONTEXT, null),
                    new DeployOptions(Duration.ofSeconds(20), true, true, false, false, "tester"), e -> { });
            deploys.scale(new DeployRequest(web, "beta", null, hpaOn, Sandbox.DEFAULT_CONTEXT, null), 3, 10,
                    Instant.now().minusSeconds(60), "year-end campaign", "alice", e -> { });
            assertThat(hpa(cluster).getSpec().getMinReplicas()).isEqualTo(3);
            // A namespace the agent may not read, sorted before the one with work to do.
            sandbox.faults().failNext(Integer.MAX_VALUE, "*", ".*/namespaces/billing-beta(/.*)?", 403,
                    "the agent may not read billing-beta");
            scheduler = new ReconcileScheduler(deploys, () -> Set.of(scope(NS), scope("billing-beta")), Duration.ofMinutes(1),
                    ReconcileScheduler.USER, meters);

            ReconcileScheduler.Round round = scheduler.runOnce();

            assertThat(round.failure()).isNull();
            assertThat(round.results()).extracting(ReconcileScheduler.Result::namespace)
                    .containsExactly("billing-beta", NS);
            assertThat(round.failures()).singleElement().satisfies(r -> assertThat(r.failure())
                    .contains("the agent may not read billing-beta").doesNotContain("\n"));
            assertThat(round.results().get(1)).isEqualTo(new ReconcileScheduler.Result(scope(NS), 1, 0, null));
            assertThat(hpa(cluster).getSpec().getMinReplicas()).isEqualTo(2);
            assertThat(hpa(cluster).getSpec().getMaxReplicas()).isEqualTo(5);
            assertThat(deploys.history(new DeployRequest(web, "beta", null, hpaOn, Sandbox.DEFAULT_CONTEXT, null))
                    .releases().get(0)).satisfies(r -> {
                assertThat(r.user()).isEqualTo(ReconcileScheduler.USER);
                assertThat(r.message()).contains("as it had expired, by paycli reconcile");
            });
            assertThat(scheduler.lastRound()).contains(round);
            assertThat(runs("failed")).isEqualTo(1);
            assertThat(runs("succeeded")).isEqualTo(1);

            ReconcileScheduler.Round next = scheduler.runOnce();
            assertThat(next.number()).isEqualTo(round.number() + 1);
            assertThat(next.results().get(1)).as("nothing left to do").isEqualTo(
                    new ReconcileScheduler.Result(scope(NS), 0, 0, null));
        }
    }

    private static HorizontalPodAutoscaler hpa(KubernetesClient cluster) {
        return cluster.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("campaign-web").get();
    }

    @Test
    void roundsRunByThemselvesAndStopWithTheScheduler() throws InterruptedException {
        CountDownLatch twoRounds = new CountDownLatch(2);
        offline(() -> {
            twoRounds.countDown();
            return Set.of();
        }, Duration.ofMillis(20)).start();

        assertThat(twoRounds.await(30, TimeUnit.SECONDS)).isTrue();
        scheduler.stop(Duration.ofSeconds(10));

        // A pool's worker is counted out before its thread has quite returned, so join it rather than sample it.
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals("paycli-agent-reconcile")) {
                t.join(10_000);
                assertThat(t.isAlive()).as("the reconcile thread ended").isFalse();
            }
        }
        assertThat(scheduler.lastRound()).hasValueSatisfying(r -> assertThat(r.number()).isGreaterThanOrEqualTo(2));
    }

    @Test
    void zeroTurnsTheRoundsOff() {
        offline(() -> {
            throw new AssertionError("no round runs");
        }, Duration.ZERO).start();

        assertThat(scheduler.enabled()).isFalse();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("paycli-agent-reconcile"));
        assertThat(scheduler.lastRound()).isEmpty();
    }

    @Test
    void namespacesThatCannotBeListedFailTheRoundAndTheNextOneTriesAgain() {
        AtomicInteger asked = new AtomicInteger();
        offline(() -> {
            if (asked.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return Set.of();
        }, Duration.ofMinutes(1));

        ReconcileScheduler.Round failed = scheduler.runOnce();
        ReconcileScheduler.Round next = scheduler.runOnce();

        assertThat(failed.failure()).isEqualTo("cannot list the namespaces: java.lang.IllegalStateException:"
                + " database down");
        assertThat(next.failure()).isNull();
        assertThat(runs("failed")).isEqualTo(1);
    }

    @Test
    void twoRoundsNeverRunAtOnce() throws InterruptedException {
        AtomicInteger inRound = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        offline(() -> {
            mostAtOnce.accumulateAndGet(inRound.incrementAndGet(), Math::max);
            try {
                Thread.sleep(50); // long enough for the other caller to arrive while this round runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inRound.decrementAndGet();
            return Set.of();
        }, Duration.ofMinutes(1));

        List<Thread> callers = List.of(new Thread(scheduler::runOnce), new Thread(scheduler::runOnce),
                new Thread(scheduler::runOnce));
        callers.forEach(Thread::start);
        for (Thread t : callers) {
            t.join();
        }

        assertThat(mostAtOnce.get()).isEqualTo(1);
        assertThat(scheduler.lastRound()).hasValueSatisfying(r -> assertThat(r.number()).isEqualTo(3));
    }
}
