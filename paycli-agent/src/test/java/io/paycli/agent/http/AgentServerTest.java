package io.paycli.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.agent.config.AgentConfig;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.error.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

@Timeout(60)
class AgentServerTest {
    @TempDir
    Path dir;

    private AgentServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(Duration.ofSeconds(5));
        }
    }

    private AgentConfig config(String extra) throws IOException {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, "listen: 127.0.0.1:0\ndataDir: data\n" + extra);
        return new AgentConfigLoader().load(file);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(http, server.url().resolve(path));
    }

    private static HttpResponse<String> get(HttpClient client, URI uri) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesHealthOnTheBoundPort() throws Exception {
        server = new AgentServer(config(""), Map.of()).start();
        assertThat(server.port()).isPositive();
        assertThat(server.url()).hasToString("http://127.0.0.1:" + server.port());
        HttpResponse<String> health = get("/healthz");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/json"));
        assertThat(JsonMapper.shared().readTree(health.body()).path("status").asString()).isEqualTo("ok");
        assertThat(get("/nothing-here").statusCode()).isEqualTo(404);
    }

    @Test
    void aFailureNoRouteHandledIs500WithAJsonReasonAndTheServerGoesOn() throws Exception {
        server = new AgentServer(config(""), Map.of())
                .routes(r -> r.get("/broken", ctx -> {
                    throw new IllegalStateException("a bug");
                })).start();

        HttpResponse<String> broken = get("/broken");

        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(JsonMapper.shared().readTree(broken.body()).path("reason").asString()).isEqualTo("internal");
        assertThat(broken.body()).doesNotContain("a bug").doesNotContain("at io.paycli");
        assertThat(get("/healthz").statusCode()).isEqualTo(200);
    }

    @Test
    void readinessIs503NamingTheFailingChecksUntilAllPass() throws Exception {
        AtomicBoolean databaseUp = new AtomicBoolean(false);
        server = new AgentServer(config(""), Map.of())
                .readiness("database", () -> databaseUp.get() ? Optional.empty()
                        : Optional.of("cannot connect to jdbc:sqlite:agent.db"))
                .readiness("workers", Optional::empty)
                .readiness("broken", () -> {
                    throw new IllegalStateException("boom");
                })
                .start();
        HttpResponse<String> notReady = get("/readyz");
        assertThat(notReady.statusCode()).isEqualTo(503);
        JsonNode body = JsonMapper.shared().readTree(notReady.body());
        assertThat(body.path("ready").asBoolean()).isFalse();
        assertThat(body.path("failing").propertyNames()).containsExactly("broken", "database");
        assertThat(body.path("failing").path("database").asString()).isEqualTo("cannot connect to jdbc:sqlite:agent.db");
        assertThat(body.path("failing").path("broken").asString()).isEqualTo("IllegalStateException: boom");

        databaseUp.set(true);
        server.readiness("broken", Optional::empty);
        HttpResponse<String> ready = get("/readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.shared().readTree(ready.body()).path("ready").asBoolean()).isTrue();
    }

    @Test
    void metricsArePrometheusTextWithTheRegisteredMeters() throws Exception {
        server = new AgentServer(config(""), Map.of());
        server.meters().counter("paycli.agent.jobs.submitted", "app", "shop").increment(3);
        server.start();
        get("/healthz");
        HttpResponse<String> metrics = get("/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/plain"));
        assertThat(metrics.body()).contains("paycli_agent_jobs_submitted_total{app=\"shop\"} 3.0")
                .contains("paycli_agent_http_requests_total{method=\"GET\",status=\"200\"}")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void routesAddedBeforeStartAreServedWithJacksonJson() throws Exception {
        server = new AgentServer(config(""), Map.of())
                .routes(r -> r.post("/echo", ctx -> {
                    Echo in = ctx.bodyAsClass(Echo.class);
                    ctx.json(new Echo(in.name().toUpperCase(), in.count() + 1));
                }));
        server.start();
        HttpResponse<String> echo = http.send(HttpRequest.newBuilder(server.url().resolve("/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"shop\",\"count\":1}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(echo.statusCode()).isEqualTo(200);
        assertThat(echo.body()).isEqualTo("{\"name\":\"SHOP\",\"count\":2}");
        assertThatThrownBy(() -> server.routes(r -> { })).isInstanceOf(IllegalStateException.class);
    }

    record Echo(String name, int count) {
    }

    /** paycli-agent's pom leaves out Jetty's websocket server (with annotations, webapp and asm): SSE needs none. */
    @Test
    void streamsServerSentEventsWithoutJettysWebsocketServer() throws Exception {
        assertThatThrownBy(() -> Class.forName("org.eclipse.jetty.ee10.websocket.server.JettyWebSocketServletFactory"))
                .isInstanceOf(ClassNotFoundException.class);
        server = new AgentServer(config(""), Map.of()).routes(r -> r.sse("/events", client -> {
            client.sendEvent("log", "line 1");
            client.sendEvent("log", "line 2");
            client.close();
        }));
        server.start();
        HttpResponse<String> events = http.send(HttpRequest.newBuilder(server.url().resolve("/events"))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(events.statusCode()).isEqualTo(200);
        assertThat(events.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/event-stream"));
        assertThat(events.body()).contains("event: log\ndata: line 1\n").contains("event: log\ndata: line 2\n");
    }

    @Test
    void stopLetsARequestInFlightFinishAndRefusesNewConnections() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        server = new AgentServer(config(""), Map.of()).routes(r -> r.get("/slow", ctx -> {
            entered.countDown();
            release.await();
            ctx.result("finished");
        }));
        server.start();
        int port = server.port();
        CompletableFuture<HttpResponse<String>> slow = http.sendAsync(
                HttpRequest.newBuilder(server.url().resolve("/slow")).build(), HttpResponse.BodyHandlers.ofString());
        entered.await();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(() -> server.stop(Duration.ofSeconds(30)));
        // Stopping has begun once the port no longer accepts; only then may the slow request finish.
        while (accepts(port)) {
            Thread.sleep(20);
        }
        assertThat(stopping).isNotDone();
        release.countDown();
        HttpResponse<String> response = slow.get();
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("finished");
        stopping.get();
        assertThat(accepts(port)).isFalse();
    }

    private static boolean accepts(int port) throws IOException {
        try {
            new Socket("127.0.0.1", port).close();
            return true;
        } catch (ConnectException e) {
            return false;
        }
    }

    @Test
    void servesHttpsFromAPkcs12Keystore() throws Exception {
        Path keystore = dir.resolve("agent.p12");
        keytool("-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "agent", "-keyalg", "EC", "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "2");
        server = new AgentServer(config("tls: {keystore: agent.p12, passwordEnv: AGENT_TLS_PASSWORD}\n"),
                Map.of("AGENT_TLS_PASSWORD", "changeit")).start();
        assertThat(server.url().getScheme()).isEqualTo("https");
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(keystore, "changeit")).build();
        HttpResponse<String> health = get(trusting, server.url().resolve("/healthz"));
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("ok");
    }

    @Test
    void aMissingPasswordOrAWrongOneIsOneLine() throws Exception {
        Path keystore = dir.resolve("agent.p12");
        keytool("-genkeypair", "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit",
                "-alias", "agent", "-keyalg", "EC", "-dname", "CN=localhost", "-validity", "2");
        AgentConfig config = config("tls: {keystore: agent.p12, passwordEnv: AGENT_TLS_PASSWORD}\n");
        assertThatThrownBy(() -> new AgentServer(config, Map.of()).start())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageEndingWith("agent.yaml: tls.passwordEnv: the environment variable AGENT_TLS_PASSWORD is not"
                        + " set; it must hold the password of " + keystore);
        assertThatThrownBy(() -> new AgentServer(config, Map.of("AGENT_TLS_PASSWORD", "wrong")).start())
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("agent.yaml: tls.keystore: " + keystore + ": cannot open it as PKCS#12 with the"
                        + " password in AGENT_TLS_PASSWORD");
    }

    @Test
    void anAddressInUseIsOneLine() throws Exception {
        server = new AgentServer(config(""), Map.of()).start();
        Path file = dir.resolve("second.yaml");
        Files.writeString(file, "listen: 127.0.0.1:" + server.port() + "\ndataDir: data\n");
        AgentServer second = new AgentServer(new AgentConfigLoader().load(file), Map.of());
        assertThatThrownBy(second::start)
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("second.yaml: listen 127.0.0.1:" + server.port() + ": cannot listen");
        second.close();
        assertThat(get("/healthz").statusCode()).as("the first server still serves").isEqualTo(200);
    }

    private static void keytool(String... args) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = new ArrayList<>(List.of(keytool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
    }

    private static SSLContext trusting(Path keystore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password.toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(store);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }
}
