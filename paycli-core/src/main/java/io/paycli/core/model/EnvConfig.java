package io.paycli.core.model;

import java.util.Map;

/**
 * One entry of {@code environments}: where it deploys, how it releases and what it overrides. {@code blueGreen} is
 * {@link BlueGreenConfig#DEFAULTS} unless the file sets it.
 */
public record EnvConfig(
        String name,
        String context,
        String namespace,
        String clusterName,
        Strategy strategy,
        BlueGreenConfig blueGreen,
        Map<String, Object> values,
        ConfigSpec config) {

    /** The archive's name for the cluster: {@code clusterName}, else the kube context. */
    public String cluster() {
        return clusterName != null ? clusterName : context;
    }
}
