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

    /**
     * The name of the context a connect would use, without connecting: the given one, or the kubeconfig's
     * current context. Null when it cannot tell (the connect then says why).
     */
    default String contextName(String context) {
        return context;
    }
}
