package io.paycli.core.cluster;

/** Opens a gateway to the cluster of a kube context. */
@FunctionalInterface
public interface ClusterConnector {
    /**
     * @param context a kubeconfig context, or null for the current context
     * @throws io.paycli.core.error.ClusterException (exit 4) when the context is unknown or the
     *         server cannot be reached, naming the context and the server
     */
    ClusterGateway connect(String context);
}
