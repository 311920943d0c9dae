package io.paycli.agent.store;

import static org.assertj.core.api.Assertions.assertThat;

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
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.model.Release;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two agents, each with its own workers and HTTP server, sharing one PostgreSQL queue: 50 deploys submitted to
 * either of them run exactly once each, one at a time per app and environment and in the order submitted, and both
 * agents take part.
 */
class TwoAgentsOnePostgresTest {
    private static final String KEY = "k3y-of-ci-settlement-0123456789abcdef";
    private static final int APPS = 10;
    private static final int VERSIONS = 5;

    @TempDir
    Path tmp;

    private Sandbox sandbox;
    private KubernetesClient cluster;
    private DeployService deploys;
    private String database;
    private final List<Agent> agents = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(50)));
        Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), "beta-cluster");
        cluster = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(sandbox.url())
                .withOauthToken("sandbox").build()).build();
        cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("promotion-beta")
                .endMetadata().build()).create();
        deploys = new DeployService(Catalog::builtin, new TemplateEngine(), new KubeconfigConnector(kubeconfig),
                List.of(), Clock.systemUTC());
        database = TestPostgres.get().newDatabaseUrl();
        for (String name : List.of("agent-a", "agent-b")) {
            Path yaml = tmp.resolve(name + ".yaml");
            Files.writeString(yaml, """
                    listen: 127.0.0.1:0
                    dataDir: %s
                    database: %s
                    workers: 2
                    shutdownGrace: 5s
                    clients:
                      - id: ci-settlement
                        secretEnv: CI_KEY
                        allow: [{apps: ["campaign-*"], envs: [beta]}]
                    """.formatted(name, database));
            agents.add(Agent.start(new AgentConfigLoader().load(yaml), Map.of("CI_KEY", KEY), deploys, name,
                    Clock.systemUTC()));
        }
    }

    @AfterEach
    void stop() {
        agents.forEach(Agent::stop);
        cluster.close();
        sandbox.close();
    }

    @Test
    void fiftyJobsOnTwoAgentsRunOnceEachOneAtATimePerAppInTheOrderSubmitted() throws Exception {
        List<AgentClient> clients = agents.stream().map(a -> new AgentClient(a.url(), new RequestSigner(
                "ci-settlement", KEY.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), new SecureRandom()),
                Duration.ofSeconds(10))).toList();
        Map<String, byte[]> bundles = new LinkedHashMap<>();
        for (int a = 0; a < APPS; a++) {
            bundles.put("campaign-app" + a, bundle("campaign-app" + a));
        }
        List<String> ids = new ArrayList<>();
        for (int v = 0; v < VERSIONS; v++) {
            for (Map.Entry<String, byte[]> app : bundles.entrySet()) {
                AgentClient via = clients.get(ids.size() % 2); // CI behind a load balancer: either replica
                ids.add(via.submit(app.getValue(), "beta", "1.0." + v, false, UUID.randomUUID().toString()).id());
            }
        }

        Map<String, JobView> ended = awaitAll(clients.get(0), ids);

        assertThat(ended.values()).allSatisfy(j -> assertThat(j.state()).as(j.summary()).isEqualTo("SUCCEEDED"));
        Map<String, Integer> byOwner = new HashMap<>();
        try (Database db = Database.open(database);
             Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet r = s.executeQuery("SELECT owner, COUNT(*), MAX(attempts) FROM jobs GROUP BY owner")) {
                while (r.next()) {
                    byOwner.put(r.getString(1), r.getInt(2));
                    assertThat(r.getInt(3)).as("no job ran twice").isEqualTo(1);
                }
            }
            try (ResultSet r = s.executeQuery("SELECT job_id, COUNT(*) FROM job_log WHERE line LIKE '==> job %'"
                    + " GROUP BY job_id")) {
                int jobs = 0;
                while (r.next()) {
                    assertThat(r.getInt(2)).as("runs of job " + r.getString(1)).isEqualTo(1);
                    jobs++;
                }
                assertThat(jobs).isEqualTo(APPS * VERSIONS);
            }
        }
        assertThat(byOwner.keySet()).containsExactlyInAnyOrder("agent-a", "agent-b");
        assertThat(byOwner.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(APPS * VERSIONS);
        // The cluster's own record: each app has one revision per version, in the order they were submitted.
        for (String app : bundles.keySet()) {
            List<String> tags = deploys.history(new DeployRequest(tmp.resolve("app-" + app), "beta", null, List.of(),
                    null, null)).releases().stream().map(Release::tag).toList();
            assertThat(tags).as(app).containsExactly("1.0.4", "1.0.3", "1.0.2", "1.0.1", "1.0.0");
        }
    }

    private Map<String, JobView> awaitAll(AgentClient client, List<String> ids) throws Exception {
        Map<String, JobView> ended = new LinkedHashMap<>();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (ended.size() < ids.size() && System.nanoTime() < end) {
            for (String id : ids) {
                if (!ended.containsKey(id)) {
                    JobView job = client.status(id);
                    if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(job.state())) {
                        ended.put(id, job);
                    }
                }
            }
            Thread.sleep(200);
        }
        assertThat(ended).as("jobs ended within 3 minutes").hasSize(ids.size());
        return ended;
    }

    private byte[] bundle(String app) {
        return ExampleApps.pack(ExampleApps.copyAs("web", app, tmp.resolve("app-" + app)));
    }
}
