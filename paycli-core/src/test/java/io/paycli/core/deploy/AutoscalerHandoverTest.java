package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.paycli.core.model.DeployEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spec.replicas when an HPA is turned on and off through DeployService: the count the workload runs never drops
 * (never to 1, never below the autoscaler's count before the autoscaler is gone), and diff and dry run show it.
 */
class AutoscalerHandoverTest {
    private static final String NS = "promotion-beta";
    private static final String[] HPA_ON = {"hpa.enabled=true", "hpa.min=5", "hpa.max=8"};

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

    private DeployResult deploy(String... sets) {
        return cluster.service.deploy(request(web, "beta", "1.0.0", sets), options(), cluster.events::add);
    }

    private Deployment live() {
        return cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web").get();
    }

    private boolean hpaExists() {
        return cluster.client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("campaign-web")
                .get() != null;
    }

    /** Waits for the sandbox's HPA controller, which acts a moment after the deploy. */
    private void awaitReplicas(int expected) throws InterruptedException {
        for (int i = 0; i < 200 && live().getSpec().getReplicas() != expected; i++) {
            Thread.sleep(50);
        }
        assertThat(live().getSpec().getReplicas()).isEqualTo(expected);
    }

    private static List<String> changedLines(String unified) {
        return unified.lines().filter(l -> (l.startsWith("-") || l.startsWith("+")) && !l.startsWith("---")
                && !l.startsWith("+++")).toList();
    }

    @Test
    void theDiffOfTurningTheHpaOnShowsTheCountKeptNotAResetToOne() {
        deploy("replicas=3");

        Diff diff = cluster.service.diff(request(web, "beta", "1.0.0", HPA_ON));

        Diff.ObjectDiff deployment = diff.objects().stream().filter(o -> o.ref().kind().equals("Deployment"))
                .findFirst().orElseThrow();
        assertThat(changedLines(deployment.unified())).as(deployment.unified()).noneMatch(l -> l.contains("replicas"));
        assertThat(diff.objects()).anySatisfy(o -> {
            assertThat(o.ref().kind()).isEqualTo("HorizontalPodAutoscaler");
            assertThat(o.change()).isEqualTo(Diff.Change.ADDED);
        });
        assertThat(live().getMetadata().getManagedFields()).as("a diff writes nothing")
                .noneSatisfy(f -> assertThat(f.getManager()).isEqualTo("paycli-handover"));
    }

    @Test
    void aDryRunOfTurningTheHpaOnSaysTheCountIsKept() {
        deploy("replicas=3");
        cluster.events.clear();

        cluster.service.deploy(request(web, "beta", "1.0.0", HPA_ON),
                new DeployOptions(Duration.ofSeconds(20), true, true, true, false, "tester"), cluster.events::add);

        assertThat(cluster.events).anySatisfy(e -> {
            assertThat(e.object()).isNotNull();
            assertThat(e.object().kind()).isEqualTo("Deployment");
            assertThat(e.message()).isEqualTo("applied (server dry run); spec.replicas (3) handed over to the autoscaler");
        });
        assertThat(live().getSpec().getReplicas()).isEqualTo(3);
        assertThat(live().getMetadata().getManagedFields())
                .noneSatisfy(f -> assertThat(f.getManager()).isEqualTo("paycli-handover"));
    }

    @Test
    @SuppressWarnings("try") // the watch only has to stay open while the deploys run
    void turningTheHpaOnAndOffNeverScalesBelowTheAutoscalersCount() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Watcher<Deployment> recorder = new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment d) {
                seen.add(d.getSpec().getReplicas());
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        };
        try (Watch watch = cluster.client.apps().deployments().inNamespace(NS).withName("campaign-web")
                .watch(recorder)) {
            deploy("replicas=3");
            deploy(HPA_ON);
            // The autoscaler raises the count to its minimum.
            awaitReplicas(5);
            cluster.events.clear();

            deploy("replicas=2");

            assertThat(steps(seen)).as("the autoscaler's count stays until it is removed").containsExactly(3, 5);
            assertThat(live().getSpec().getReplicas()).isEqualTo(5);
            assertThat(hpaExists()).isFalse();
            assertThat(cluster.events).extracting(DeployEvent::message).contains("keeping 5 replicas (the autoscaler's"
                    + " count) instead of 2 until the HorizontalPodAutoscaler is removed; the next deploy applies 2");

            // The same render again: the apply changes the live count, so it is recorded as a new revision.
            DeployResult next = deploy("replicas=2");
            assertThat(next.unchanged()).isFalse();
            assertThat(next.release().message()).contains("Deployment promotion-beta/campaign-web");
            awaitReplicas(2);
            for (int i = 0; i < 100 && !seen.contains(2); i++) {
                Thread.sleep(50);
            }
        }
        assertThat(steps(seen)).as("every replica count the Deployment had, in order").containsExactly(3, 5, 2);
    }

    /** The counts in the order the Deployment had them, each once. */
    private static List<Integer> steps(List<Integer> seen) {
        List<Integer> steps = new ArrayList<>();
        seen.forEach(r -> {
            if (steps.isEmpty() || !steps.get(steps.size() - 1).equals(r)) {
                steps.add(r);
            }
        });
        return steps;
    }
}
