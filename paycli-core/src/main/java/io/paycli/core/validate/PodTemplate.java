package io.paycli.core.validate;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import java.util.Optional;

/**
 * The pod a workload runs, with where it sits in the object so findings can point at it.
 *
 * @param metadataPath path of the template's metadata; null for a Pod, whose metadata is the object's own
 * @param spec         the pod spec
 * @param specPath     path of {@code spec}
 * @param longRunning  true for controllers that keep pods serving, where readiness matters
 */
record PodTemplate(String metadataPath, PodSpec spec, String specPath, boolean longRunning) {

    static Optional<PodTemplate> of(KubernetesResource typed) {
        if (typed instanceof Deployment d && d.getSpec() != null) {
            return template(d.getSpec().getTemplate(), "spec.template", true);
        }
        if (typed instanceof StatefulSet s && s.getSpec() != null) {
            return template(s.getSpec().getTemplate(), "spec.template", true);
        }
        if (typed instanceof DaemonSet d && d.getSpec() != null) {
            return template(d.getSpec().getTemplate(), "spec.template", true);
        }
        if (typed instanceof ReplicaSet r && r.getSpec() != null) {
            return template(r.getSpec().getTemplate(), "spec.template", true);
        }
        if (typed instanceof Job j && j.getSpec() != null) {
            return template(j.getSpec().getTemplate(), "spec.template", false);
        }
        if (typed instanceof CronJob c && c.getSpec() != null && c.getSpec().getJobTemplate() != null) {
            JobSpec job = c.getSpec().getJobTemplate().getSpec();
            return job == null ? Optional.empty() : template(job.getTemplate(), "spec.jobTemplate.spec.template", false);
        }
        if (typed instanceof Pod p && p.getSpec() != null) {
            return Optional.of(new PodTemplate(null, p.getSpec(), "spec", false));
        }
        return Optional.empty();
    }

    private static Optional<PodTemplate> template(PodTemplateSpec template, String path, boolean longRunning) {
        if (template == null || template.getSpec() == null) {
            return Optional.empty();
        }
        return Optional.of(new PodTemplate(path + ".metadata",
                template.getSpec(), path + ".spec", longRunning));
    }
}
