package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * The one-time costs of a process's first cluster connection, paid ahead: a short-lived process (the CLI) can start
 * them on a second core while it reads its options and paycli.yaml. Opens no connection and reads no file.
 */
public final class ClientWarmup {
    /** A kubeconfig of the usual shape, parsed by the same code as the user's. */
    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: c
              cluster: {server: "https://127.0.0.1:1"}
            contexts:
            - name: c
              context: {cluster: c, user: u, namespace: default}
            current-context: c
            users:
            - name: u
              user: {token: t}
            """;

    /** A list answer of the usual shape, read through the mapper every client of the process shares. */
    private static final String LIST = "{\"apiVersion\":\"v1\",\"kind\":\"SecretList\",\"metadata\":"
            + "{\"resourceVersion\":\"1\"},\"items\":[{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":"
            + "\"s\",\"namespace\":\"n\",\"labels\":{\"a\":\"b\"},\"creationTimestamp\":\"2026-01-01T00:00:00Z\"},"
            + "\"type\":\"Opaque\",\"data\":{\"k\":\"dg==\"}}]}";

    private ClientWarmup() {
    }

    /** Parses a kubeconfig, builds and drops an HTTP client like a connection's, and reads a list answer. */
    public static void client() {
        Config config = Config.fromKubeconfig(KUBECONFIG);
        try (HttpClient client = new JdkHttpClientFactory().newBuilder(config).build()) {
            client.newHttpRequestBuilder();
        }
        ClusterClient.SERIALIZATION.unmarshal(LIST, GenericKubernetesResourceList.class);
    }
}
