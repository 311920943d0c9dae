package io.paycli.core.cluster;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.paycli.core.model.Manifest;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A sandbox API server with a kubeconfig context "beta-cluster", the namespace "promotion", a gateway whose
 * requests are recorded in order, and a separate plain client for arranging and inspecting the cluster.
 */
final class SandboxCluster implements AutoCloseable {

    static final String CONTEXT = "beta-cluster";
    static final String NS = "promotion";

    final Sandbox sandbox;
    final Path kubeconfig;
    final KubernetesClient admin;
    final Fabric8ClusterGateway gateway;
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** Runs before each request of the gateway is sent, with the request as {@link #requests} records it. */
    volatile Consumer<String> beforeRequest = r -> { };

    private SandboxCluster(Sandbox sandbox, Path kubeconfig) {
        this.sandbox = sandbox;
        this.kubeconfig = kubeconfig;
        this.admin = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig.toFile())).build();
        admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
                .create();
        Interceptor recorder = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, io.fabric8.kubernetes.client.http.HttpRequest request,
                    RequestTags tags) {
                String query = request.uri().getRawQuery();
                String line = request.method() + " " + request.uri().getPath() + (query == null ? "" : "?" + query);
                requests.add(line);
                beforeRequest.accept(line);
            }
        };
        this.gateway = Fabric8ClusterGateway.observed(Config.fromKubeconfig(CONTEXT, kubeconfig.toFile()), CONTEXT,
                Map.of("test-recorder", recorder), java.time.Clock.systemUTC());
        sandbox.resetCounters();
    }

    /** Another gateway to the same sandbox, as a second deployer whose clock may be off; the caller closes it. */
    Fabric8ClusterGateway gateway(java.time.Clock clock) {
        return Fabric8ClusterGateway.observed(Config.fromKubeconfig(CONTEXT, kubeconfig.toFile()), CONTEXT, Map.of(),
                clock);
    }

    static SandboxCluster start(Path dir) {
        return start(dir, SandboxSettings.defaults());
    }

    static SandboxCluster start(Path dir, SandboxSettings settings) {
        Sandbox sandbox = Sandbox.start(0, settings);
        return new SandboxCluster(sandbox, sandbox.writeKubeconfig(dir.resolve("kubeconfig"), CONTEXT));
    }

    /** Requests of one method whose path contains the fragment, in order. */
    List<String> requests(String method, String pathPart) {
        List<String> out = new ArrayList<>();
        for (String r : requests) {
            if (r.startsWith(method + " ") && r.contains(pathPart)) {
                out.add(r);
            }
        }
        return out;
    }

    static Manifest deployment(String name, String image, Integer replicas) {
        Map<String, Object> labels = Map.of("app.kubernetes.io/name", name, "app.kubernetes.io/instance", name);
        Map<String, Object> spec = new LinkedHashMap<>();
        if (replicas != null) {
            spec.put("replicas", replicas);
        }
        spec.put("selector", Map.of("matchLabels", Map.of("app.kubernetes.io/name", name)));
        spec.put("template", Map.of("metadata", Map.of("labels", labels), "spec", Map.of("containers",
                List.of(Map.of("name", name, "image", image)))));
        return manifest("apps/v1", "Deployment", name, labels, "spec", spec);
    }

    static Manifest configMap(String name, Map<String, Object> data) {
        return manifest("v1", "ConfigMap", name, Map.of("app.kubernetes.io/instance", "web"), "data", data);
    }

    static Manifest manifest(String apiVersion, String kind, String name, Map<String, Object> labels, String field,
            Object value) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("apiVersion", apiVersion);
        body.put("kind", kind);
        body.put("metadata", new LinkedHashMap<>(Map.of("name", name, "namespace", NS, "labels", labels)));
        body.put(field, value);
        return new Manifest(apiVersion, kind, NS, name, body, "test");
    }

    /**
     * Sends a request straight to the sandbox, as another client would (kubectl, a controller), and returns the
     * response body; fails on an error status.
     */
    String send(String method, String path, String contentType, String body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.url() + path))
                    .method(method, HttpRequest.BodyPublishers.ofString(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        admin.close();
        sandbox.close();
    }

    /** Waits until a CustomResourceDefinition is Established, as kubectl wait does: only then is its kind served. */
    static void awaitEstablished(io.fabric8.kubernetes.client.KubernetesClient client, String name) {
        client.apiextensions().v1().customResourceDefinitions().withName(name).waitUntilCondition(crd ->
                crd != null && crd.getStatus() != null && crd.getStatus().getConditions() != null
                        && crd.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Established")
                                && c.getStatus().equals("True")), 10, java.util.concurrent.TimeUnit.SECONDS);
    }
}
