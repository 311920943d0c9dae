package io.paycli.sandbox;

import static io.paycli.sandbox.WatchTest.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Job controller: pods it owns, one after another until one succeeds or the backoff limit is passed. */
class JobTest {

    private Sandbox sandbox;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(50)));
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").withNamespace("default").build()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private Job create(String image, Integer backoffLimit, String restartPolicy) {
        Job job = new JobBuilder().withNewMetadata().withName("smoke").endMetadata().withNewSpec()
                .withBackoffLimit(backoffLimit).withNewTemplate().withNewSpec().withRestartPolicy(restartPolicy)
                .addNewContainer().withName("check").withImage(image).withCommand("curl", "http://web-preview")
                .endContainer().endSpec().endTemplate().endSpec().build();
        return client.batch().v1().jobs().inNamespace("default").resource(job).create();
    }

    private Job job() {
        return client.batch().v1().jobs().inNamespace("default").withName("smoke").get();
    }

    private boolean has(String type) {
        Job job = job();
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions()
                .stream().anyMatch(c -> c.getType().equals(type) && c.getStatus().equals("True"));
    }

    private JobCondition condition(String type) {
        return job().getStatus().getConditions().stream().filter(c -> c.getType().equals(type)).findFirst()
                .orElseThrow();
    }

    private List<Pod> pods() {
        return client.pods().inNamespace("default").withLabel("batch.kubernetes.io/job-name", "smoke").list()
                .getItems();
    }

    @Test
    void aJobRunsAPodItOwnsAndCompletes() throws Exception {
        Job created = create("smoke:1.0", null, "Never");
        String uid = created.getMetadata().getUid();
        assertThat(created.getSpec().getBackoffLimit()).isEqualTo(6);
        assertThat(created.getSpec().getCompletions()).isEqualTo(1);
        assertThat(created.getSpec().getSelector().getMatchLabels())
                .containsEntry("batch.kubernetes.io/controller-uid", uid);
        assertThat(created.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry("batch.kubernetes.io/job-name", "smoke").containsEntry("job-name", "smoke")
                .containsEntry("batch.kubernetes.io/controller-uid", uid);

        await(() -> has("Complete"));
        Job done = job();
        assertThat(done.getStatus().getSucceeded()).isEqualTo(1);
        assertThat(done.getStatus().getFailed()).isNull();
        assertThat(done.getStatus().getActive()).isNull();
        assertThat(done.getStatus().getCompletionTime()).isNotNull();
        assertThat(condition("SuccessCriteriaMet").getStatus()).isEqualTo("True");
        assertThat(condition("Complete").getReason()).isEqualTo("CompletionsReached");
        List<Pod> pods = pods();
        assertThat(pods).hasSize(1);
        assertThat(pods.get(0).getStatus().getPhase()).isEqualTo("Succeeded");
        assertThat(pods.get(0).getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason())
                .isEqualTo("Completed");
        assertThat(pods.get(0).getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
            assertThat(o.getKind()).isEqualTo("Job");
            assertThat(o.getUid()).isEqualTo(uid);
            assertThat(o.getController()).isTrue();
        });
    }

    @Test
    void aFailingJobRetriesUntilItPassesItsBackoffLimit() throws Exception {
        create("smoke:fail", 2, "Never");

        await(() -> has("Failed"));
        Job failed = job();
        assertThat(failed.getStatus().getFailed()).isEqualTo(3);
        assertThat(failed.getStatus().getSucceeded()).isNull();
        assertThat(condition("FailureTarget").getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition("Failed").getReason()).isEqualTo("BackoffLimitExceeded");
        assertThat(condition("Failed").getMessage()).isEqualTo("Job has reached the specified backoff limit");
        assertThat(pods()).hasSize(3).allSatisfy(p -> {
            assertThat(p.getStatus().getPhase()).isEqualTo("Failed");
            assertThat(p.getStatus().getContainerStatuses().get(0).getState().getTerminated().getExitCode())
                    .isEqualTo(1);
        });
    }

    @Test
    void aFlakyJobSucceedsWithItsSecondPod() throws Exception {
        create("smoke:flaky", 1, "OnFailure");

        await(() -> has("Complete"));
        assertThat(job().getStatus().getFailed()).isEqualTo(1);
        assertThat(job().getStatus().getSucceeded()).isEqualTo(1);
        assertThat(pods()).extracting(p -> p.getStatus().getPhase()).containsExactlyInAnyOrder("Failed", "Succeeded");
    }

    @Test
    void aJobWhoseImageCannotBePulledStaysActive() throws Exception {
        create("smoke:fail-pull", 0, "Never");

        await(() -> pods().size() == 1 && pods().get(0).getStatus().getContainerStatuses().get(0).getState()
                .getWaiting() != null && "ImagePullBackOff".equals(pods().get(0).getStatus().getContainerStatuses()
                        .get(0).getState().getWaiting().getReason()));
        assertThat(job().getStatus().getActive()).isEqualTo(1);
        assertThat(has("Failed") || has("Complete")).isFalse();
    }

    @Test
    void aJobPastItsActiveDeadlineFails() throws Exception {
        Job job = new JobBuilder().withNewMetadata().withName("smoke").endMetadata().withNewSpec()
                .withActiveDeadlineSeconds(1L).withNewTemplate().withNewSpec().withRestartPolicy("Never")
                .addNewContainer().withName("check").withImage("smoke:fail-pull").endContainer().endSpec()
                .endTemplate().endSpec().build();
        client.batch().v1().jobs().inNamespace("default").resource(job).create();

        await(() -> has("Failed"));
        assertThat(condition("Failed").getReason()).isEqualTo("DeadlineExceeded");
        assertThat(condition("Failed").getMessage()).isEqualTo("Job was active longer than specified deadline");
        assertThat(job().getStatus().getActive()).isNull();
    }

    @Test
    void aJobWithoutAJobRestartPolicyIsRefused() {
        assertThatThrownBy(() -> create("smoke:1.0", null, null)).hasMessageContaining(
                "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\"");
        assertThatThrownBy(() -> create("smoke:1.0", null, "Always")).hasMessageContaining(
                "spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");
    }

    @Test
    void deletingAJobDeletesItsPods() throws Exception {
        create("smoke:1.0", null, "Never");
        await(() -> has("Complete"));

        client.batch().v1().jobs().inNamespace("default").withName("smoke").delete();

        await(() -> pods().isEmpty());
    }
}
