package io.paycli.core.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;

/**
 * The one-time costs of the first cluster connection of a process, paid ahead: a short-lived process (the CLI) can
 * start them on a second core while it reads its options and paycli.yaml. Opens no connection.
 */
public final class Warmup {
    private Warmup() {
    }

    /** Builds and drops an HTTP client like the one a connection uses (TLS trust store, JDK HTTP client, fabric8). */
    public static void client() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1").build();
        try (HttpClient client = new JdkHttpClientFactory().newBuilder(config).build()) {
            client.newHttpRequestBuilder();
        }
    }
}
