package io.paycli.sandbox;

import static io.paycli.sandbox.WatchTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Deployment controller's rules: surge, conditions carried between generations, pause; the pod failure modes. */
class DeploymentControllerTest {

    private Sandbox sandbox;
    private KubernetesClient client;
    private final List<DeploymentStatus> seen = new CopyOnWriteArrayList<>();
    private Watch watch;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(250))
                .withProgressDeadline(Duration.ofMillis(1500)));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").withNamespace("default").build()).build();
        watch = client.apps().deployments().inNamespace("default").withName("web").watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment deployment) {
                if (deployment.getStatus() != null) {
                    seen.add(deployment.getStatus());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @AfterEach
    void stop() {
        watch.close();
        client.close();
        sandbox.close();
    }

    private Deployment apply(String image) {
        Deployment deployment = new DeploymentBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
        return client.apps().deployments().inNamespace("default").resource(deployment).fieldManager("paycli")
                .forceConflicts().serverSideApply();
    }

    private Deployment get() {
        return client.apps().deployments().inNamespace("default").withName("web").get();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace("default").withLabel("app", "web").list().getItems();
    }

    private static DeploymentCondition progressing(DeploymentStatus status) {
        return status.getConditions().stream().filter(c -> c.getType().equals("Progressing")).findFirst()
                .orElse(null);
    }

    private static String reason(Deployment deployment) {
        return deployment.getStatus() == null || progressing(deployment.getStatus()) == null ? ""
                : progressing(deployment.getStatus()).getReason();
    }

    private void awaitRolledOut(long generation) throws InterruptedException {
        await(() -> get().getStatus() != null && get().getStatus().getObservedGeneration() == generation
                && "NewReplicaSetAvailable".equals(reason(get())));
    }

    @Test
    void aRolloutShowsTheSurgeBeforeTheOldPodsGo() throws Exception {
        apply("nginx:1");
        awaitRolledOut(1);
        seen.clear();
        apply("nginx:2");
        awaitRolledOut(2);

        assertThat(seen).as("old pods still counted while the new ones exist").anySatisfy(s -> {
            assertThat(s.getObservedGeneration()).isEqualTo(2L);
            assertThat(s.getReplicas()).isEqualTo(4);
            assertThat(s.getUpdatedReplicas()).isEqualTo(2);
        });
        assertThat(get().getStatus().getReplicas()).isEqualTo(2);
        assertThat(pods()).hasSize(2).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
                .isEqualTo("nginx:2"));
    }

    @Test
    void aDeadlineExceededStaysWhenAnEarlierTemplateComesBackUntilProgressIsMade() throws Exception {
        apply("nginx:1");
        awaitRolledOut(1);
        apply("nginx:2-fail-pull");
        await(() -> "ProgressDeadlineExceeded".equals(reason(get())));
        DeploymentCondition exceeded = progressing(get().getStatus());
        assertThat(exceeded.getStatus()).isEqualTo("False");
        seen.clear();

        apply("nginx:1");
        awaitRolledOut(3);

        assertThat(seen).as("generation 3 observed with the earlier condition untouched").anySatisfy(s -> {
            assertThat(s.getObservedGeneration()).isEqualTo(3L);
            assertThat(progressing(s)).isEqualTo(exceeded);
        });
        DeploymentCondition available = progressing(get().getStatus());
        assertThat(available.getStatus()).isEqualTo("True");
        assertThat(available.getLastUpdateTime()).isGreaterThanOrEqualTo(exceeded.getLastUpdateTime());
    }

    @Test
    void aNewTemplateAfterADeadlineStartsOver() throws Exception {
        apply("nginx:1-fail");
        await(() -> "ProgressDeadlineExceeded".equals(reason(get())));
        seen.clear();

        apply("nginx:2");
        await(() -> get().getStatus().getObservedGeneration() == 2L);

        assertThat(seen).filteredOn(s -> s.getObservedGeneration() == 2L).first()
                .satisfies(s -> assertThat(progressing(s).getReason()).isIn("NewReplicaSetCreated", "ReplicaSetUpdated"));
        awaitRolledOut(2);
    }

    @Test
    void aPausedDeploymentObservesItsGenerationButKeepsItsPods() throws Exception {
        apply("nginx:1");
        awaitRolledOut(1);
        client.apps().deployments().inNamespace("default").withName("web").edit(d -> {
            d.getSpec().setPaused(true);
            return d;
        });
        apply("nginx:2");

        await(() -> get().getStatus().getObservedGeneration() == get().getMetadata().getGeneration()
                && "DeploymentPaused".equals(reason(get())));
        Deployment paused = get();
        assertThat(paused.getSpec().getPaused()).isTrue();
        assertThat(progressing(paused.getStatus()).getStatus()).isEqualTo("Unknown");
        assertThat(paused.getStatus().getUpdatedReplicas()).isZero();
        Thread.sleep(600);
        assertThat(pods()).hasSize(2).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
                .isEqualTo("nginx:1"));

        client.apps().deployments().inNamespace("default").withName("web").edit(d -> {
            d.getSpec().setPaused(false);
            return d;
        });
        awaitRolledOut(get().getMetadata().getGeneration());
        assertThat(pods()).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage())
                .isEqualTo("nginx:2"));
    }

    @Test
    void anImageThatCannotBePulledGoesFromErrImagePullToImagePullBackOff() throws Exception {
        apply("nginx:2-fail-pull");
        await(() -> pods().size() == 2);
        List<String> reasons = new CopyOnWriteArrayList<>();
        await(() -> {
            reasons.add(waiting(pods().get(0)));
            return reasons.contains("ImagePullBackOff");
        });
        assertThat(reasons).first().isIn("ErrImagePull", "ImagePullBackOff");
        assertThat(reasons.get(reasons.size() - 1)).isEqualTo("ImagePullBackOff");
        assertThat(client.v1().events().inNamespace("default").list().getItems())
                .extracting(e -> e.getReason() + " " + e.getInvolvedObject().getKind())
                .contains("Failed Pod", "BackOff Pod");
    }

    @Test
    void aCrashingContainerRestartsAgainAndAgain() throws Exception {
        apply("nginx:2-fail");
        await(() -> !pods().isEmpty() && restarts(pods().get(0)) >= 3);
        assertThat(waiting(pods().get(0))).isEqualTo("CrashLoopBackOff");
        assertThat(get().getStatus().getAvailableReplicas()).isZero();
    }

    @Test
    void aSlowStartThatRestartsOnceBecomesReady() throws Exception {
        apply("nginx:2-slow-restart");
        List<Integer> restarts = new CopyOnWriteArrayList<>();
        await(() -> {
            pods().forEach(p -> restarts.add(restarts(p)));
            return "NewReplicaSetAvailable".equals(reason(get()));
        });
        assertThat(restarts).contains(0, 1).doesNotContain(2);
        assertThat(pods()).allSatisfy(p -> assertThat(p.getStatus().getContainerStatuses().get(0).getReady())
                .isTrue());
    }

    private static String waiting(Pod pod) {
        var state = pod.getStatus().getContainerStatuses().get(0).getState();
        return state.getWaiting() == null ? "running" : state.getWaiting().getReason();
    }

    private static int restarts(Pod pod) {
        return pod.getStatus().getContainerStatuses().get(0).getRestartCount();
    }
}
