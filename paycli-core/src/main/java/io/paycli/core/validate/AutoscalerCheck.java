package io.paycli.core.validate;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/**
 * An autoscaler whose maxReplicas is below its minReplicas, which the API server refuses. The
 * built-in types catch this in their values already; this covers templates of user catalogs.
 */
final class AutoscalerCheck {

    private AutoscalerCheck() {
    }

    static void check(KubernetesResource typed, Findings findings) {
        if (typed instanceof HorizontalPodAutoscaler hpa && hpa.getSpec() != null) {
            Integer min = hpa.getSpec().getMinReplicas();
            Integer max = hpa.getSpec().getMaxReplicas();
            if (min != null && max != null && max < min) {
                findings.error("autoscaler", "spec.maxReplicas", max + " is less than spec.minReplicas " + min
                        + "; it must be at least minReplicas");
            }
        }
    }
}
