package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/paycli agent serve as a process, as a pod runs it: it serves until SIGTERM, then stops with exit 0. */
class AgentServeIT {
    private static final Pattern LISTENING = Pattern.compile(
            "paycli agent listening on (http://127\\.0\\.0\\.1:\\d+) \\(data: (.+), database: sqlite\\)");

    @TempDir
    Path dir;

    @Test
    void servesHealthAndMetricsUntilSigtermThenExitsZero() throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, """
                listen: 127.0.0.1:0
                dataDir: agent-data
                shutdownGrace: 10s
                clients:
                  - id: ci-web
                    secretEnv: PAYCLI_CLIENT_CI_WEB
                    allow: [{apps: ["web-*"], envs: [beta]}]
                """);
        Processes processes = new Processes(dir).env("PAYCLI_CLIENT_CI_WEB", "a-key-of-32-characters-or-more-0123");
        Process agent = processes.start(Processes.JAR, "agent", "agent", "serve", "--config", config.toString());
        try {
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!processes.read("agent", "out").contains("listening on") && agent.isAlive()
                    && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            String out = processes.read("agent", "out");
            Matcher line = LISTENING.matcher(out);
            assertThat(line.find()).as("stdout:\n" + out + "\nstderr:\n" + processes.read("agent", "err")).isTrue();
            assertThat(out.lines()).hasSize(1);
            assertThat(Path.of(line.group(2))).isEqualTo(dir.resolve("agent-data")).isDirectory();
            URI url = URI.create(line.group(1));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(url.resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
            HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(url.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("paycli_agent_http_requests_total{method=\"GET\",status=\"200\"}")
                    .contains("jvm_memory_used_bytes");

            agent.destroy(); // SIGTERM, as the kubelet sends it
            assertThat(agent.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM").isTrue();
            String err = processes.read("agent", "err");
            assertThat(agent.exitValue()).as(err).isZero();
            assertThat(err).contains("SIGTERM: stopping; running jobs have up to 10s to finish")
                    .contains("paycli agent stopped").doesNotContain("Exception");
        } finally {
            agent.destroyForcibly();
        }
    }

    @Test
    void aBadAgentYamlIsOneLineAndExit3() throws Exception {
        Path config = dir.resolve("agent.yaml");
        Files.writeString(config, "dataDir: data\nworkers: 0\n");
        Processes.Run run = new Processes(dir).paycli("agent", "serve", "--config", config.toString());
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("error: " + config + ":2: workers: must have a minimum value of 1\n");
    }
}
