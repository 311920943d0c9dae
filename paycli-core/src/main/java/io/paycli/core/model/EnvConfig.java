package io.paycli.core.model;

import java.util.Map;

/** One entry of {@code environments}: where it deploys and what it overrides. */
public record EnvConfig(
        String name,
        String context,
        String namespace,
        String clusterName,
        Strategy strategy,
        Map<String, Object> values,
        ConfigSpec config) {

    /** The archive's name for the cluster: {@code clusterName}, else the kube context. */
    public String cluster() {
        return clusterName != null ? clusterName : context;
    }
}
