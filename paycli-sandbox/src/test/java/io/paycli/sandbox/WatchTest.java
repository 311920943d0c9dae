package io.paycli.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Watches over HTTP and WebSocket: replay from a resourceVersion, expiry, closing, bookmarks, informers. */
class WatchTest {

    private static final String CONFIGMAPS = "/api/v1/namespaces/default/configmaps";

    @TempDir
    Path dir;
    private Sandbox sandbox;
    private Http http;
    private KubernetesClient client;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withBookmarkInterval(Duration.ofMillis(200)));
        http = new Http(sandbox.url());
        Path kubeconfig = sandbox.writeKubeconfig(dir.resolve("kubeconfig"));
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
    }

    @AfterEach
    void stop() {
        client.close();
        sandbox.close();
    }

    private static String configMap(String name, String value) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"},"
                + "\"data\":{\"v\":\"" + value + "\"}}";
    }

    /** Opens an HTTP watch and returns its lines as they arrive. */
    private Iterator<String> watch(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.url() + CONFIGMAPS + "?watch=true&" + query))
                .build();
        HttpResponse<Stream<String>> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().iterator();
    }

    private static Map<String, Object> next(Iterator<String> lines) throws Exception {
        String line = CompletableFuture.supplyAsync(() -> lines.hasNext() ? lines.next() : null)
                .get(5, TimeUnit.SECONDS);
        assertThat(line).as("the watch ended").isNotNull();
        return Json.parse(line);
    }

    @Test
    void replaysChangesAfterTheGivenResourceVersion() throws Exception {
        Http.Reply created = http.post(CONFIGMAPS, configMap("a", "1"));
        String version = Json.string(created.json(), "metadata", "resourceVersion");
        http.put(CONFIGMAPS + "/a", configMap("a", "2"));

        Iterator<String> lines = watch("resourceVersion=" + version);
        Map<String, Object> replayed = next(lines);
        assertThat(replayed.get("type")).isEqualTo("MODIFIED");
        assertThat(Json.string(replayed, "object", "data", "v")).isEqualTo("2");

        http.delete(CONFIGMAPS + "/a");
        Map<String, Object> deleted = next(lines);
        assertThat(deleted.get("type")).isEqualTo("DELETED");
        assertThat(Json.number(deleted, 0, "object", "metadata", "resourceVersion"))
                .isGreaterThan(Json.number(replayed, 0, "object", "metadata", "resourceVersion"));
    }

    @Test
    void withoutAResourceVersionStartsWithTheCurrentObjectsAndFiltersByLabel() throws Exception {
        http.post(CONFIGMAPS, configMap("a", "1").replace("\"name\":\"a\"", "\"name\":\"a\",\"labels\":{\"app\":\"x\"}"));
        http.post(CONFIGMAPS, configMap("b", "1"));

        Iterator<String> lines = watch("labelSelector=app%3Dx");

        Map<String, Object> added = next(lines);
        assertThat(added.get("type")).isEqualTo("ADDED");
        assertThat(Json.string(added, "object", "metadata", "name")).isEqualTo("a");
        http.post(CONFIGMAPS, configMap("c", "1").replace("\"name\":\"c\"", "\"name\":\"c\",\"labels\":{\"app\":\"x\"}"));
        assertThat(Json.string(next(lines), "object", "metadata", "name")).isEqualTo("c");
    }

    @Test
    void anExpiredWatchGets410AndBookmarksArrive() throws Exception {
        sandbox.faults().expireNextWatches(1);
        Iterator<String> expired = watch("resourceVersion=1");
        Map<String, Object> error = next(expired);
        assertThat(error.get("type")).isEqualTo("ERROR");
        assertThat(Json.number(error, 0, "object", "code")).isEqualTo(410);
        assertThat(Json.string(error, "object", "reason")).isEqualTo("Expired");

        Iterator<String> lines = watch("resourceVersion=1&allowWatchBookmarks=true");
        Map<String, Object> bookmark = next(lines);
        assertThat(bookmark.get("type")).isEqualTo("BOOKMARK");
        assertThat(Json.string(bookmark, "object", "kind")).isEqualTo("ConfigMap");
    }

    @Test
    void closedWatchesEnd() throws Exception {
        Iterator<String> lines = watch("resourceVersion=1");
        Thread.sleep(200);

        sandbox.faults().closeWatches();

        Boolean more = CompletableFuture.supplyAsync(lines::hasNext).get(5, TimeUnit.SECONDS);
        assertThat(more).isFalse();
    }

    @Test
    void anInformerFollowsChangesAcrossAClosedWatch() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        SharedIndexInformer<ConfigMap> informer = client.configMaps().inNamespace("default")
                .inform(new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(ConfigMap obj) {
                        seen.add("add " + obj.getMetadata().getName());
                    }

                    @Override
                    public void onUpdate(ConfigMap oldObj, ConfigMap newObj) {
                        seen.add("update " + newObj.getMetadata().getName() + "=" + newObj.getData().get("v"));
                    }

                    @Override
                    public void onDelete(ConfigMap obj, boolean deletedFinalStateUnknown) {
                        seen.add("delete " + obj.getMetadata().getName());
                    }
                });
        try {
            client.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("a")
                    .endMetadata().addToData("v", "1").build()).create();
            await(() -> seen.contains("add a"));

            sandbox.faults().closeWatches();
            client.configMaps().inNamespace("default").withName("a").edit(c -> {
                c.getData().put("v", "2");
                return c;
            });
            await(() -> seen.contains("update a=2"));
            client.configMaps().inNamespace("default").withName("a").delete();
            await(() -> seen.contains("delete a"));
        } finally {
            informer.close();
        }
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            Thread.sleep(20);
        }
    }
}
