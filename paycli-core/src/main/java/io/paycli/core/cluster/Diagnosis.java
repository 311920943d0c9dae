package io.paycli.core.cluster;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.ObjectRef;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What is known about why each workload is not ready: its pods' problems and the Warning events about it. Each
 * line goes out once as a WARNING event; the latest lines explain a failure.
 */
final class Diagnosis {

    private final Consumer<DeployEvent> events;
    private final Set<String> reported = new HashSet<>();
    private final Map<ObjectRef, List<String>> problems = new HashMap<>();
    private final Map<ObjectRef, Set<String>> warnings = new HashMap<>();

    Diagnosis(Consumer<DeployEvent> events) {
        this.events = events;
    }

    /**
     * Looks at the pods made from the workload's current template ({@link PodTemplates}) and the Warning events
     * about them, the workload and its ReplicaSets.
     *
     * @param since the server's time of the workload's apply: Warning events that last happened before it belong
     *        to an earlier deploy and are left out; null keeps them all
     */
    void look(ObjectRef workload, Map<String, Object> object, List<Map<String, Object>> pods,
            List<Map<String, Object>> warningEvents, Instant since) {
        LabelSelector selector = LabelSelector.of(object);
        Map<String, Object> template = Fields.map(object, "spec", "template");
        Set<String> podNames = new HashSet<>();
        List<String> current = new ArrayList<>();
        for (Map<String, Object> pod : pods) {
            // Pods of earlier templates (a failed release's, while a rollback replaces them) are not this wait's.
            if (selector.matches(Fields.map(pod, "metadata", "labels")) && PodTemplates.madeFrom(pod, template)) {
                podNames.add(Fields.string(pod, "metadata", "name"));
                current.addAll(PodProblems.of(pod));
            }
        }
        problems.put(workload, current);
        current.forEach(line -> report(workload, line, line));
        for (Map<String, Object> event : warningEvents) {
            Instant seen = WarningEvents.lastSeen(event);
            boolean recent = seen == null || since == null || !seen.isBefore(since.truncatedTo(ChronoUnit.SECONDS));
            if (recent && WarningEvents.involves(event, podNames, workload.name())) {
                String line = WarningEvents.line(event);
                warnings.computeIfAbsent(workload, k -> new LinkedHashSet<>()).add(line);
                report(workload, line, line);
            }
        }
    }

    /**
     * The workload's pods of this rollout: those its selector selects, not being deleted, made from its current
     * template ({@link PodTemplates}), and created at or after the apply (server time, whole seconds; any time
     * when the apply's time is unknown). The template tells the pods of a failed release from those of the
     * rollback that follows it within the same second.
     */
    static List<Map<String, Object>> newPods(Map<String, Object> workload, List<Map<String, Object>> pods,
            Instant appliedAt) {
        LabelSelector selector = LabelSelector.of(workload);
        Map<String, Object> template = Fields.map(workload, "spec", "template");
        List<Map<String, Object>> fresh = new ArrayList<>();
        for (Map<String, Object> pod : pods) {
            Instant created = WaitRules.time(Fields.at(pod, "metadata", "creationTimestamp"));
            boolean recent = appliedAt == null || created == null
                    || !created.isBefore(appliedAt.truncatedTo(ChronoUnit.SECONDS));
            if (recent && Fields.at(pod, "metadata", "deletionTimestamp") == null
                    && selector.matches(Fields.map(pod, "metadata", "labels")) && PodTemplates.madeFrom(pod, template)) {
                fresh.add(pod);
            }
        }
        return fresh;
    }

    /** The first reason known for a workload not being ready: a pod problem, else a Warning event. */
    String firstProblem(ObjectRef workload) {
        List<String> current = problems.getOrDefault(workload, List.of());
        if (!current.isEmpty()) {
            return current.get(0);
        }
        Set<String> seen = warnings.getOrDefault(workload, Set.of());
        return seen.isEmpty() ? null : seen.iterator().next();
    }

    List<String> lines(ObjectRef workload) {
        List<String> lines = new ArrayList<>(problems.getOrDefault(workload, List.of()));
        lines.addAll(warnings.getOrDefault(workload, Set.of()));
        return lines;
    }

    private void report(ObjectRef workload, String line, String key) {
        if (reported.add(key)) {
            events.accept(new DeployEvent(DeployEvent.Step.WAIT, DeployEvent.Kind.WARNING, workload, line));
        }
    }
}
