package io.paycli.core.validate;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.util.List;
import java.util.Map;

/**
 * The typed check's one-time cost, paid ahead: the mapper works out how to bind each model class, and the classes it
 * reaches, on first use (a Deployment alone reaches a few hundred). Binding an empty body of each kind a deploy
 * usually renders does that for the whole class graph, so a short-lived process (the CLI) can do it on a second
 * core while it renders.
 */
public final class ModelWarmup {
    private static final List<Class<?>> EVERYDAY = List.of(Deployment.class, Service.class, ConfigMap.class,
            Ingress.class, HorizontalPodAutoscaler.class, Secret.class);

    private ModelWarmup() {
    }

    public static void bindings() {
        for (Class<?> type : EVERYDAY) {
            TypedModel.MAPPER.convertValue(Map.of(), type);
        }
    }
}
