package io.paycli.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.agent.auth.RequestSigner;
import io.paycli.agent.client.AgentClient;
import io.paycli.agent.client.AgentRefusedException;
import io.paycli.agent.client.SubmitFlow;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own meters, scraped from /metrics over HTTP as Prometheus does. */
@Timeout(120)
class AgentMetricsTest {
    private static final String KEY = "k3y-of-ci-settlement-0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void refusalsByReasonAndFinishedJobsByKindAndOutcomeAreOnMetrics() throws Exception {
        try (Sandbox sandbox = Sandbox.start(0);
             KubernetesClient cluster = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                     .withMasterUrl(sandbox.url()).withOauthToken("sandbox").build()).build()) {
            cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("promotion-beta")
                    .endMetadata().build()).create();
            Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), "beta-cluster");
            Path yaml = tmp.resolve("agent.yaml");
            Files.writeString(yaml, """
                    listen: 127.0.0.1:0
                    dataDir: data
                    workers: 1
                    shutdownGrace: 5s
                    clients:
                      - id: ci-settlement
                        secretEnv: CI_KEY
                        allow: [{apps: ["campaign-*"], envs: [beta]}]
                    """);
            DeployService deploys = new DeployService(Catalog::builtin, new TemplateEngine(),
                    new KubeconfigConnector(kubeconfig), List.of(), Clock.systemUTC());
            try (Agent agent = Agent.start(new AgentConfigLoader().load(yaml), Map.of("CI_KEY", KEY), deploys,
                    "agent-metrics", Clock.systemUTC())) {
                byte[] bundle = bundle();
                assertThatThrownBy(() -> client(agent, KEY + "-wrong").submit(bundle, "beta", "1.0.0", false, "a"))
                        .isInstanceOf(AgentRefusedException.class);
                assertThatThrownBy(() -> client(agent, KEY).submit(bundle, "release", "1.0.0", false, "b"))
                        .isInstanceOf(AgentRefusedException.class);
                int exit = new SubmitFlow(client(agent, KEY), l -> { }, n -> { }, d -> { }, 3)
                        .run(bundle, "beta", "1.0.0", true);
                assertThat(exit).isZero();

                HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        agent.url().resolve("/metrics")).build(), HttpResponse.BodyHandlers.ofString());

                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body().lines())
                        .contains("paycli_agent_requests_refused_total{reason=\"bad-signature\"} 1.0")
                        .contains("paycli_agent_requests_refused_total{reason=\"not-allowed\"} 1.0")
                        .contains("paycli_agent_queue_depth 0.0")
                        .anyMatch(l -> l.startsWith(
                                "paycli_agent_job_duration_seconds_count{kind=\"deploy\",outcome=\"succeeded\"} 1"));
            }
        }
    }

    private static AgentClient client(Agent agent, String key) {
        return new AgentClient(agent.url(), new RequestSigner("ci-settlement", key.getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC(), new SecureRandom()), Duration.ofSeconds(10));
    }

    private byte[] bundle() {
        return ExampleApps.pack(ExampleApps.copy("web", tmp.resolve("app")));
    }
}
