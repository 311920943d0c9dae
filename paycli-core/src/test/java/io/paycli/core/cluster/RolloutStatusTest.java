package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.cluster.RolloutStatus.Progress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The kubectl rollout status rules, for the kinds the sandbox does not simulate too. */
class RolloutStatusTest {

    private static Map<String, Object> object(long generation, Map<String, Object> spec, Map<String, Object> status) {
        return Map.of("metadata", Map.of("generation", generation), "spec", spec, "status", status);
    }

    private static Progress of(String kind, Map<String, Object> object) {
        return RolloutStatus.of(kind, object);
    }

    @Test
    void deploymentFollowsKubectl() {
        Map<String, Object> spec = Map.of("replicas", 3);
        assertThat(of("Deployment", object(2, spec, Map.of("observedGeneration", 1))).message())
                .isEqualTo("waiting for the controller to observe generation 2");
        assertThat(of("Deployment", object(2, spec, Map.of("observedGeneration", 2, "updatedReplicas", 1)))
                .message()).isEqualTo("1 of 3 replicas are updated");
        assertThat(of("Deployment", object(2, spec, Map.of("observedGeneration", 2, "replicas", 4,
                "updatedReplicas", 3))).message()).isEqualTo("1 old replicas are pending termination");
        assertThat(of("Deployment", object(2, spec, Map.of("observedGeneration", 2, "replicas", 3,
                "updatedReplicas", 3, "availableReplicas", 2))).message())
                .isEqualTo("2 of 3 updated replicas are available");
        assertThat(of("Deployment", object(2, spec, Map.of("observedGeneration", 2, "replicas", 3,
                "updatedReplicas", 3, "availableReplicas", 3))).state()).isEqualTo(Progress.State.DONE);
        Progress failed = of("Deployment", object(2, spec, Map.of("observedGeneration", 2, "conditions", List.of(
                Map.of("type", "Progressing", "status", "False", "reason", "ProgressDeadlineExceeded",
                        "message", "ReplicaSet \"web-1\" has timed out progressing.")))));
        assertThat(failed.state()).isEqualTo(Progress.State.FAILED);
        assertThat(failed.message()).contains("timed out progressing");
    }

    @Test
    void statefulSetWaitsForReadyPodsAndTheUpdateRevision() {
        Map<String, Object> spec = Map.of("replicas", 2);
        assertThat(of("StatefulSet", object(1, spec, Map.of("observedGeneration", 1, "readyReplicas", 1)))
                .message()).isEqualTo("1 of 2 pods are ready");
        assertThat(of("StatefulSet", object(1, spec, Map.of("observedGeneration", 1, "readyReplicas", 2,
                "updatedReplicas", 1, "updateRevision", "db-2", "currentRevision", "db-1"))).message())
                .isEqualTo("1 of 2 pods are at revision db-2");
        assertThat(of("StatefulSet", object(1, spec, Map.of("observedGeneration", 1, "readyReplicas", 2,
                "updateRevision", "db-2", "currentRevision", "db-2"))).state()).isEqualTo(Progress.State.DONE);
        assertThat(of("StatefulSet", object(1, Map.of("updateStrategy", Map.of("type", "OnDelete")), Map.of()))
                .state()).isEqualTo(Progress.State.DONE);
    }

    @Test
    void daemonSetWaitsForScheduledAndAvailablePods() {
        Map<String, Object> spec = Map.of();
        assertThat(of("DaemonSet", object(1, spec, Map.of("observedGeneration", 1, "desiredNumberScheduled", 3,
                "updatedNumberScheduled", 2))).message()).isEqualTo("2 of 3 updated pods are scheduled");
        assertThat(of("DaemonSet", object(1, spec, Map.of("observedGeneration", 1, "desiredNumberScheduled", 3,
                "updatedNumberScheduled", 3, "numberAvailable", 1))).message())
                .isEqualTo("1 of 3 updated pods are available");
        assertThat(of("DaemonSet", object(1, spec, Map.of("observedGeneration", 1, "desiredNumberScheduled", 3,
                "updatedNumberScheduled", 3, "numberAvailable", 3))).state()).isEqualTo(Progress.State.DONE);
    }

    @Test
    void autoscalerIsDoneOnceItReports() {
        Map<String, Object> spec = Map.of("scaleTargetRef", Map.of("kind", "Deployment", "name", "web"));
        assertThat(of("HorizontalPodAutoscaler", object(1, spec, Map.of())).state())
                .isEqualTo(Progress.State.WAITING);
        assertThat(of("HorizontalPodAutoscaler", object(1, spec, Map.of("conditions", List.of(Map.of("type",
                "AbleToScale", "status", "True"))))).state()).isEqualTo(Progress.State.DONE);
    }

    @Test
    void podProblemsReadLikeKubedog() {
        Map<String, Object> unschedulable = Map.of("metadata", Map.of("name", "web-1"), "status", Map.of(
                "conditions", List.of(Map.of("type", "PodScheduled", "status", "False", "reason", "Unschedulable",
                        "message", "0/3 nodes are available: 3 Insufficient cpu."))));
        Map<String, Object> oomKilled = Map.of("metadata", Map.of("name", "web-2"), "status", Map.of(
                "containerStatuses", List.of(Map.of("name", "web", "state", Map.of("terminated", Map.of("reason",
                        "OOMKilled", "exitCode", 137))))));
        Map<String, Object> creating = Map.of("metadata", Map.of("name", "web-3"), "status", Map.of(
                "containerStatuses", List.of(Map.of("name", "web", "state", Map.of("waiting", Map.of("reason",
                        "ContainerCreating"))))));

        assertThat(PodProblems.of(unschedulable))
                .containsExactly("pod web-1: Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.");
        assertThat(PodProblems.of(oomKilled)).containsExactly("pod web-2: container web terminated: OOMKilled "
                + "(exit code 137)");
        assertThat(PodProblems.of(creating)).isEmpty();
    }

    @Test
    void selectorsMatchLabelsAndExpressions() {
        Map<String, Object> workload = Map.of("spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "web"),
                "matchExpressions", List.of(Map.of("key", "tier", "operator", "In", "values", List.of("front")),
                        Map.of("key", "canary", "operator", "DoesNotExist")))));
        LabelSelector selector = LabelSelector.of(workload);

        assertThat(selector.matches(Map.of("app", "web", "tier", "front"))).isTrue();
        assertThat(selector.matches(Map.of("app", "web", "tier", "back"))).isFalse();
        assertThat(selector.matches(Map.of("app", "web", "tier", "front", "canary", "1"))).isFalse();
        assertThat(LabelSelector.of(Map.of()).matches(Map.of("app", "web"))).as("empty selects none").isFalse();
    }
}
