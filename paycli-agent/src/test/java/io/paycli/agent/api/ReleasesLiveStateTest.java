package io.paycli.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.agent.Agent;
import io.paycli.agent.ExampleApps;
import io.paycli.agent.auth.RequestSigner;
import io.paycli.agent.client.AgentClient;
import io.paycli.agent.client.JobView;
import io.paycli.agent.config.AgentConfig;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.model.DeployRequest;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The live state in GET /api/v1/releases, read from a sandbox cluster: a rolling app, a blue-green app with both
 * colours up, a pre-scaled app, an app whose Deployment was deleted by hand and one whose paycli.yaml the agent lost.
 * Everything is set up before the first list, so no row comes from the agent's short cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleasesLiveStateTest {
    private static final String KEY = "k3y-of-ci-campaign-0123456789abcdef";
    private static final String NAMESPACE = "promotion-beta";
    private static final String BETA = "    namespace: promotion-beta\n";

    private Path tmp;
    private Sandbox sandbox;
    private Agent agent;
    private final Instant preScaledUntil = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
    private Map<String, Map<String, Object>> rows;
    private HttpResponse<String> response;

    @BeforeAll
    void deployFiveApps(@TempDir Path dir) throws Exception {
        tmp = dir;
        sandbox = Sandbox.start(0);
        Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), "beta-cluster");
        try (KubernetesClient cluster = client()) {
            cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                    .build()).create();
        }
        Path yaml = tmp.resolve("agent.yaml");
        Files.writeString(yaml, """
                listen: 127.0.0.1:0
                dataDir: data
                workers: 2
                shutdownGrace: 5s
                clients:
                  - id: ci-campaign
                    secretEnv: CAMPAIGN_KEY
                    allow: [{apps: ["campaign-*"], envs: [beta]}]
                """);
        AgentConfig config = new AgentConfigLoader().load(yaml);
        DeployService deploys = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(kubeconfig), List.of(), Clock.systemUTC());
        agent = Agent.start(config, Map.of("CAMPAIGN_KEY", KEY), deploys, "agent-test", Clock.systemUTC());

        deploy("campaign-web", "1.0.0", y -> y);
        UnaryOperator<String> blueGreen = y -> y.replace(BETA, BETA + "    strategy: blue-green\n"
                + "    blueGreen: {scaleDownDelay: 10m}\n");
        deploy("campaign-bg", "1.0.0", blueGreen);
        deploy("campaign-bg", "1.1.0", blueGreen);
        Path hpa = deploy("campaign-hpa", "1.0.0", y -> y.replace("values: {replicas: 1,",
                "values: {replicas: 1, hpa: {enabled: true, min: 2, max: 5},"));
        deploys.scale(new DeployRequest(hpa, "beta", null, List.of(), null, null), 10, 50, preScaledUntil,
                "year-end campaign", "alice", e -> { });
        deploy("campaign-gone", "1.0.0", y -> y);
        try (KubernetesClient cluster = client()) {
            cluster.apps().deployments().inNamespace(NAMESPACE).withName("campaign-gone").delete();
        }
        deploy("campaign-lost", "1.0.0", y -> y);
        try (Stream<Path> files = Files.walk(tmp.resolve("data/bundles"))) {
            for (Path p : files.filter(p -> p.endsWith("paycli.yaml")).toList()) {
                if (Files.readString(p).contains("app: campaign-lost")) {
                    Files.delete(p);
                }
            }
        }

        response = get("/api/v1/releases");
        List<Map<String, Object>> list = JsonMapper.builder().build().readValue(response.body(),
                new TypeReference<List<Map<String, Object>>>() { });
        rows = list.stream().collect(Collectors.toMap(r -> (String) r.get("app"), r -> r));
    }

    @AfterAll
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        sandbox.close();
    }

    private KubernetesClient client() {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").build()).build();
    }

    /** Deploys the web example as {@code app} through the agent, its paycli.yaml changed by {@code change}. */
    private Path deploy(String app, String tag, UnaryOperator<String> change) throws Exception {
        Path dir = ExampleApps.copyAs("web", app, tmp.resolve("app-" + app + "-" + tag));
        Path yaml = dir.resolve("paycli.yaml");
        Files.writeString(yaml, change.apply(Files.readString(yaml)));
        byte[] bundle = ExampleApps.pack(dir);
        AgentClient client = new AgentClient(agent.url(), new RequestSigner("ci-campaign",
                KEY.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), new SecureRandom()), Duration.ofSeconds(10));
        JobView job = client.submit(bundle, "beta", tag, false, "deploy-" + app + "-" + tag);
        client.follow(job.id(), 0, (n, line) -> { });
        JobView done = client.status(job.id());
        assertThat(done.exitCode()).as(done.summary()).isZero();
        return dir;
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(agent.url().resolve(path)).GET();
        new RequestSigner("ci-campaign", KEY.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), new SecureRandom())
                .headers("GET", path, new byte[0]).forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRollingAppIsHealthyWithNoColoursAndNoPreScale() {
        Map<String, Object> web = rows.get("campaign-web");

        assertThat(web).containsEntry("healthy", true).containsEntry("colours", List.of())
                .containsEntry("preScale", null).doesNotContainKey("stateError")
                .containsEntry("tag", "1.0.0").containsEntry("client", "ci-campaign");
    }

    @Test
    void aBlueGreenAppShowsBothColoursTheNewOneLiveAndTheOldOneWithItsScaleDownTime() {
        Map<String, Object> bg = rows.get("campaign-bg");

        assertThat(bg).containsEntry("healthy", true).containsEntry("tag", "1.1.0");
        List<Map<String, Object>> colours = colours(bg);
        assertThat(colours).extracting(c -> c.get("colour"), c -> c.get("live"), c -> c.get("tag"),
                        c -> c.get("revision"))
                .containsExactlyInAnyOrder(tuple("blue", false, "1.0.0", 1),
                        tuple("green", true, "1.1.0", 2));
        Map<String, Object> idle = colours.stream().filter(c -> "blue".equals(c.get("colour"))).findFirst()
                .orElseThrow();
        assertThat(Instant.parse((String) idle.get("scaleDownAt"))).isAfter(Instant.now());
        assertThat(idle.get("replicas")).as("the old colour stays up for its window").isEqualTo(1);
        assertThat(colours.stream().filter(c -> "green".equals(c.get("colour"))).findFirst().orElseThrow())
                .containsEntry("scaleDownAt", null);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> colours(Map<String, Object> row) {
        return (List<Map<String, Object>>) row.get("colours");
    }

    @Test
    void aPreScaledAppShowsItsOverrideUntilWhenAndByWhom() {
        Map<String, Object> hpa = rows.get("campaign-hpa");

        assertThat(hpa).containsEntry("healthy", true)
                .containsEntry("preScale", Map.of("min", 10, "max", 50, "until", preScaledUntil.toString(),
                        "by", "alice", "reason", "year-end campaign"));
    }

    @Test
    void anAppWhoseDeploymentWasDeletedByHandIsNotHealthy() {
        assertThat(rows.get("campaign-gone")).containsEntry("healthy", false).doesNotContainKey("stateError");
    }

    @Test
    void aRowWhoseStateCannotBeReadSaysWhyAndTheListStillAnswers() {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(rows).containsOnlyKeys("campaign-web", "campaign-bg", "campaign-hpa", "campaign-gone",
                "campaign-lost");

        Map<String, Object> lost = rows.get("campaign-lost");
        assertThat(lost).containsEntry("healthy", null).containsEntry("colours", List.of())
                .containsEntry("preScale", null).containsEntry("tag", "1.0.0");
        assertThat((String) lost.get("stateError")).contains("paycli.yaml").doesNotContain("\n");
    }
}
