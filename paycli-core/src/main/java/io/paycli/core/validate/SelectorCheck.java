package io.paycli.core.validate;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A controller's selector against its pod template's labels, as the API server checks them: a
 * controller whose selector misses its own pods is refused with "selector does not match template
 * labels". apps/v1 workloads need a non-empty selector; a Job is checked when it gives one; a
 * CronJob's job template may not give one at all, since Kubernetes generates it per Job.
 */
final class SelectorCheck {

    private SelectorCheck() {
    }

    static void check(KubernetesResource typed, Findings findings) {
        if (typed instanceof Deployment d && d.getSpec() != null) {
            required(d.getSpec().getSelector(), d.getSpec().getTemplate(), findings);
        } else if (typed instanceof StatefulSet s && s.getSpec() != null) {
            required(s.getSpec().getSelector(), s.getSpec().getTemplate(), findings);
        } else if (typed instanceof DaemonSet d && d.getSpec() != null) {
            required(d.getSpec().getSelector(), d.getSpec().getTemplate(), findings);
        } else if (typed instanceof ReplicaSet r && r.getSpec() != null) {
            required(r.getSpec().getSelector(), r.getSpec().getTemplate(), findings);
        } else if (typed instanceof Job j && j.getSpec() != null && j.getSpec().getSelector() != null) {
            matches(j.getSpec().getSelector(), j.getSpec().getTemplate(), "spec", findings);
        } else if (typed instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null) {
            jobTemplate(c.getSpec().getJobTemplate().getSpec(), findings);
        }
    }

    private static void required(LabelSelector selector, PodTemplateSpec template, Findings findings) {
        if (selector == null) {
            findings.error("selector", "spec.selector",
                    "missing spec.selector; apps/v1 requires one that matches spec.template.metadata.labels");
        } else if (isEmpty(selector)) {
            findings.error("selector", "spec.selector",
                    "empty selector; it must name at least one label of spec.template.metadata.labels");
        } else {
            matches(selector, template, "spec", findings);
        }
    }

    private static void jobTemplate(JobSpec spec, Findings findings) {
        if (spec == null) {
            return;
        }
        if (spec.getSelector() != null) {
            findings.error("selector", "spec.jobTemplate.spec.selector", "a CronJob's job template cannot set"
                    + " a selector: Kubernetes generates one for each Job; remove it");
        }
        if (Boolean.TRUE.equals(spec.getManualSelector())) {
            findings.error("selector", "spec.jobTemplate.spec.manualSelector",
                    "a CronJob's job template cannot set manualSelector: true; remove it");
        }
    }

    private static void matches(LabelSelector selector, PodTemplateSpec template, String specPath,
                                Findings findings) {
        Map<String, String> labels = template == null || template.getMetadata() == null
                || template.getMetadata().getLabels() == null ? Map.of() : template.getMetadata().getLabels();
        List<LabelSelectorRequirement> expressions =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        for (int i = 0; i < expressions.size(); i++) {
            String operator = expressions.get(i).getOperator();
            if (!List.of("In", "NotIn", "Exists", "DoesNotExist").contains(String.valueOf(operator))) {
                findings.error("selector", specPath + ".selector.matchExpressions[" + i + "].operator",
                        "'" + operator + "' is not a selector operator: use In, NotIn, Exists or DoesNotExist");
                return;
            }
        }
        firstUnmet(selector, expressions, labels).ifPresent(unmet -> findings.error("selector",
                specPath + ".template.metadata.labels", "selector does not match template labels: the selector"
                        + " needs " + unmet.need() + ", the labels have " + had(unmet.key(), labels)));
    }

    private record Unmet(String key, String need) {
    }

    private static Optional<Unmet> firstUnmet(LabelSelector selector, List<LabelSelectorRequirement> expressions,
                                              Map<String, String> labels) {
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        for (Map.Entry<String, String> wanted : new TreeMap<>(matchLabels).entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return Optional.of(new Unmet(wanted.getKey(), wanted.getKey() + "=" + wanted.getValue()));
            }
        }
        for (LabelSelectorRequirement r : expressions) {
            String key = r.getKey();
            List<String> values = r.getValues() == null ? List.of() : r.getValues();
            boolean met = switch (r.getOperator()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                default -> !labels.containsKey(key);
            };
            if (!met) {
                return Optional.of(new Unmet(key, describe(r, values)));
            }
        }
        return Optional.empty();
    }

    private static String describe(LabelSelectorRequirement r, List<String> values) {
        return switch (r.getOperator()) {
            case "In" -> r.getKey() + " in (" + String.join(", ", values) + ")";
            case "NotIn" -> r.getKey() + " not in (" + String.join(", ", values) + ")";
            case "Exists" -> "a " + r.getKey() + " label";
            default -> "no " + r.getKey();
        };
    }

    private static String had(String key, Map<String, String> labels) {
        return labels.containsKey(key) ? key + "=" + labels.get(key) : "no " + key;
    }

    private static boolean isEmpty(LabelSelector selector) {
        return (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }
}
