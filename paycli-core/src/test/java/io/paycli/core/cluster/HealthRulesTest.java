package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.cluster.RolloutStatus.Progress;
import io.paycli.core.model.ObjectRef;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The rules of a real controller that a wait follows: pause, stale conditions, fail fast, both event shapes. */
class HealthRulesTest {

    private static final Instant APPLIED = Instant.parse("2026-12-01T10:00:00.400Z");
    private static final ObjectRef WEB = new ObjectRef("apps/v1", "Deployment", "promotion", "web");

    private static Map<String, Object> deployment(Map<String, Object> spec, Map<String, Object> status) {
        return Map.of("metadata", Map.of("name", "web", "namespace", "promotion", "generation", 3), "spec", spec,
                "status", status);
    }

    private static Map<String, Object> exceeded(String lastUpdateTime) {
        return Map.of("observedGeneration", 3, "replicas", 2, "updatedReplicas", 1, "availableReplicas", 1,
                "conditions", List.of(Map.of("type", "Progressing", "status", "False",
                        "reason", "ProgressDeadlineExceeded", "lastUpdateTime", lastUpdateTime,
                        "message", "ReplicaSet \"web-5d8f\" has timed out progressing.")));
    }

    @Test
    void aPausedDeploymentStopsTheWaitAndSaysHowToResume() {
        Progress paused = RolloutStatus.of("Deployment", deployment(Map.of("replicas", 1, "paused", true),
                Map.of("observedGeneration", 3, "replicas", 1, "updatedReplicas", 0)), APPLIED);

        assertThat(paused.state()).isEqualTo(Progress.State.STOPPED);
        assertThat(paused.message()).isEqualTo("paused: run kubectl rollout resume deployment/web -n promotion, "
                + "then deploy again");
        assertThat(RolloutStatus.of("Deployment", deployment(Map.of("replicas", 1, "paused", true),
                Map.of("observedGeneration", 3, "replicas", 1, "updatedReplicas", 1, "availableReplicas", 1)),
                APPLIED).state()).as("paused, but already rolled out").isEqualTo(Progress.State.DONE);
    }

    @Test
    void aDeadlineExceededCountsOnlyWhenWrittenAfterTheApply() {
        Map<String, Object> spec = Map.of("replicas", 1);
        assertThat(RolloutStatus.of("Deployment", deployment(spec, exceeded("2026-12-01T09:58:00Z")), APPLIED)
                .state()).as("left by an earlier rollout").isEqualTo(Progress.State.WAITING);
        assertThat(RolloutStatus.of("Deployment", deployment(spec, exceeded("2026-12-01T10:00:00Z")), APPLIED)
                .state()).as("the same second as the apply").isEqualTo(Progress.State.WAITING);
        assertThat(RolloutStatus.of("Deployment", deployment(spec, exceeded("2026-12-01T10:10:01Z")), APPLIED)
                .state()).isEqualTo(Progress.State.FAILED);
        assertThat(RolloutStatus.of("Deployment", deployment(spec, exceeded("2026-12-01T09:58:00Z")), null)
                .state()).as("no apply time known").isEqualTo(Progress.State.FAILED);
    }

    private static Map<String, Object> pod(String name, String reason, int restarts) {
        Map<String, Object> state = reason == null ? Map.of("running", Map.of())
                : Map.of("waiting", Map.of("reason", reason, "message", "details of " + reason));
        return Map.of("metadata", Map.of("name", name, "labels", Map.of("app", "web")), "status", Map.of(
                "containerStatuses", List.of(Map.of("name", "web", "restartCount", restarts, "state", state))));
    }

    @Test
    void allNewPodsUnableToPullFailAfterTheGraceMeasuredFromTheFirstSighting() {
        AtomicLong nanos = new AtomicLong(1_000);
        FailFast failFast = new FailFast(Duration.ofSeconds(30), nanos::get);
        List<Map<String, Object>> stuck = List.of(pod("web-1", "ImagePullBackOff", 0), pod("web-2", "ErrImagePull", 0));

        assertThat(failFast.check(WEB, stuck)).isNull();
        assertThat(failFast.untilNextCheck()).isEqualTo(Duration.ofSeconds(30).plusMillis(1));
        nanos.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(failFast.check(WEB, stuck)).isNull();
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        assertThat(failFast.check(WEB, stuck)).isEqualTo("pod web-1: ImagePullBackOff: details of ImagePullBackOff "
                + "(all 2 new pods cannot start, for 30 s; --fail-fast-grace 30s)");
    }

    @Test
    void oneNewPodThatStartsKeepsTheWaitGoingAndStartsTheGraceOver() {
        AtomicLong nanos = new AtomicLong();
        FailFast failFast = new FailFast(Duration.ofSeconds(30), nanos::get);
        assertThat(failFast.check(WEB, List.of(pod("web-1", "CreateContainerConfigError", 0)))).isNull();
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(failFast.check(WEB, List.of(pod("web-1", "CreateContainerConfigError", 0),
                pod("web-2", null, 0)))).isNull();
        assertThat(failFast.untilNextCheck()).isNull();
        nanos.addAndGet(Duration.ofSeconds(20).toNanos());
        assertThat(failFast.check(WEB, List.of(pod("web-1", "InvalidImageName", 0)))).as("grace starts over")
                .isNull();
        assertThat(failFast.check(WEB, List.of())).isNull();
    }

    @Test
    void aCrashLoopFailsAtThreeRestartsAndNotBefore() {
        FailFast failFast = new FailFast(Duration.ofSeconds(30), () -> 0L);
        assertThat(failFast.check(WEB, List.of(pod("web-1", "CrashLoopBackOff", 1)))).as("a slow start").isNull();
        assertThat(failFast.check(WEB, List.of(pod("web-1", "CrashLoopBackOff", 2)))).isNull();
        assertThat(failFast.check(WEB, List.of(pod("web-1", null, 0), pod("web-2", "CrashLoopBackOff", 3))))
                .isEqualTo("pod web-2: CrashLoopBackOff after 3 restarts: details of CrashLoopBackOff");
    }

    private static Map<String, Object> podOf(String name, String app, String image, String created) {
        return Map.of("metadata", Map.of("name", name, "labels", Map.of("app", app), "creationTimestamp", created),
                "spec", Map.of("containers", List.of(Map.of("name", "web", "image", image))));
    }

    @Test
    void newPodsAreThoseOfTheSelectorAndTemplateCreatedSinceTheApply() {
        Map<String, Object> workload = Map.of("spec", Map.of("selector", Map.of("matchLabels", Map.of("app", "web")),
                "template", Map.of("spec", Map.of("containers", List.of(Map.of("name", "web", "image", "web:1"))))));
        Map<String, Object> old = podOf("old", "web", "web:1", "2026-12-01T09:00:00Z");
        Map<String, Object> fresh = podOf("new", "web", "web:1", "2026-12-01T10:00:00Z");
        Map<String, Object> failedRelease = podOf("failed", "web", "web:2-fail", "2026-12-01T10:00:00Z");
        Map<String, Object> other = podOf("other", "admin", "web:1", "2026-12-01T10:00:02Z");

        assertThat(Diagnosis.newPods(workload, List.of(old, fresh, failedRelease, other), APPLIED))
                .containsExactly(fresh);
        assertThat(Diagnosis.newPods(workload, List.of(old, fresh, failedRelease, other), null))
                .containsExactly(old, fresh);
    }

    @Test
    void eventsAreReadInBothShapesByTheirLastOccurrence() {
        Map<String, Object> core = Map.of("involvedObject", Map.of("kind", "Pod", "name", "web-1"), "reason", "BackOff",
                "message", "Back-off restarting failed container web", "count", 4,
                "firstTimestamp", "2026-12-01T09:00:00Z", "lastTimestamp", "2026-12-01T10:00:05Z");
        Map<String, Object> series = Map.of("regarding", Map.of("kind", "Pod", "name", "web-1"), "reason",
                "FailedMount", "note", "configmap \"web-config\" not found", "eventTime", "2026-12-01T09:00:00.123456Z",
                "series", Map.of("count", 7, "lastObservedTime", "2026-12-01T10:00:07.000001Z"));

        assertThat(WarningEvents.lastSeen(core)).isEqualTo(Instant.parse("2026-12-01T10:00:05Z"));
        assertThat(WarningEvents.lastSeen(series)).isEqualTo(Instant.parse("2026-12-01T10:00:07.000001Z"));
        assertThat(WarningEvents.line(series)).isEqualTo("Warning FailedMount pod/web-1: configmap \"web-config\" "
                + "not found");
        assertThat(WarningEvents.involves(series, Set.of("web-1"), "web")).isTrue();
    }

    @Test
    void theReplicaSetsOfAnotherWorkloadWithALongerNameAreNotOurs() {
        Map<String, Object> ours = Map.of("involvedObject", Map.of("kind", "ReplicaSet", "name", "web-5d8fbc9"));
        Map<String, Object> theirs = Map.of("involvedObject", Map.of("kind", "ReplicaSet",
                "name", "web-admin-5d8fbc9"));

        assertThat(WarningEvents.involves(ours, Set.of(), "web")).isTrue();
        assertThat(WarningEvents.involves(theirs, Set.of(), "web")).isFalse();
        assertThat(WarningEvents.involves(theirs, Set.of(), "web-admin")).isTrue();
    }
}
