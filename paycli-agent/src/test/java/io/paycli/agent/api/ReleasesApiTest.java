package io.paycli.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.paycli.agent.Agent;
import io.paycli.agent.ExampleApps;
import io.paycli.agent.audit.AuditEntry;
import io.paycli.agent.audit.AuditFile;
import io.paycli.agent.auth.RequestSigner;
import io.paycli.agent.client.AgentClient;
import io.paycli.agent.client.AgentRefusedException;
import io.paycli.agent.client.JobView;
import io.paycli.agent.client.ReleaseView;
import io.paycli.agent.config.AgentConfig;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.archive.ArchiveSink;
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
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /api/v1/releases and POST /api/v1/restore on a real agent deploying into a sandbox. One agent for the class:
 * three apps are deployed once, then the agent's kubeconfig context is pointed at a second, empty sandbox, the new
 * cluster a disaster recovery restores into.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReleasesApiTest {
    private static final String CAMPAIGN_KEY = "k3y-of-ci-campaign-0123456789abcdef";
    private static final String SETTLEMENT_KEY = "k3y-of-ci-settlement-0123456789abcdef";
    private static final String OTHER_KEY = "k3y-of-ci-other-0123456789abcdef";
    private static final String NAMESPACE = "promotion-beta";

    private Path tmp;

    private Sandbox lost;
    private Sandbox fresh;
    private KubernetesClient freshCluster;
    private Agent agent;
    private final Map<String, String> deployJobs = new java.util.HashMap<>();

    @BeforeAll
    void deployThreeAppsThenLoseTheCluster(@TempDir Path dir) throws Exception {
        tmp = dir;
        lost = Sandbox.start(0);
        fresh = Sandbox.start(0);
        Path kubeconfig = lost.writeKubeconfig(tmp.resolve("kubeconfig"), "beta-cluster");
        try (KubernetesClient cluster = client(lost)) {
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
                  - id: ci-settlement
                    secretEnv: SETTLEMENT_KEY
                    allow: [{apps: ["settlement-*"], envs: [beta]}]
                  - id: ci-other
                    secretEnv: OTHER_KEY
                    allow: [{apps: ["other-*"], envs: [beta, release]}]
                """);
        AgentConfig config = new AgentConfigLoader().load(yaml);
        ArchiveSettings archive = ArchiveSettings.local(config.dataDir().resolve("archive"));
        DeployService deploys = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(kubeconfig), List.of(new ArchiveSink(archive)), Clock.systemUTC());
        agent = Agent.start(config, Map.of("CAMPAIGN_KEY", CAMPAIGN_KEY, "SETTLEMENT_KEY", SETTLEMENT_KEY,
                "OTHER_KEY", OTHER_KEY), deploys, archive, "agent-test", Clock.systemUTC());

        deploy("ci-campaign", CAMPAIGN_KEY, "campaign-web", "1.0.0");
        deploy("ci-campaign", CAMPAIGN_KEY, "campaign-api", "2.3.0");
        deploy("ci-settlement", SETTLEMENT_KEY, "settlement-web", "4.0.0");
        // The disaster: the context now names a new, empty cluster.
        fresh.writeKubeconfig(kubeconfig, "beta-cluster");
        freshCluster = client(fresh);
    }

    @AfterAll
    void stop() {
        if (agent != null) {
            agent.stop();
        }
        if (freshCluster != null) {
            freshCluster.close();
        }
        fresh.close();
        lost.close();
    }

    private static KubernetesClient client(Sandbox sandbox) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl(sandbox.url()).withOauthToken("sandbox").build()).build();
    }

    private AgentClient agentClient(String keyId, String key) {
        return new AgentClient(agent.url(), new RequestSigner(keyId, key.getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC(), new SecureRandom()), Duration.ofSeconds(10));
    }

    private void deploy(String client, String key, String app, String tag) throws Exception {
        byte[] bundle = ExampleApps.pack(ExampleApps.copyAs("web", app, tmp.resolve("app-" + app)));
        AgentClient agentClient = agentClient(client, key);
        JobView job = agentClient.submit(bundle, "beta", tag, false, "deploy-" + app);
        JobView done = finish(agentClient, job.id(), new CopyOnWriteArrayList<>());
        assertThat(done.exitCode()).as(done.summary()).isZero();
        deployJobs.put(app, job.id());
    }

    /** Follows the job's log to its end, and returns the job as it ended. */
    private static JobView finish(AgentClient client, String id, List<String> log) throws Exception {
        client.follow(id, 0, (n, line) -> log.add(line));
        return client.status(id);
    }

    private List<AuditEntry> audit() {
        return new AuditFile(tmp.resolve("data/audit.jsonl")).read();
    }

    private List<String> deploymentsInTheNewCluster() {
        return freshCluster.apps().deployments().inNamespace(NAMESPACE).list().getItems().stream()
                .map(d -> d.getMetadata().getName()).sorted().toList();
    }

    @Test
    void eachClientSeesTheReleasesOfWhatItsGrantsCover() throws Exception {
        List<ReleaseView> campaign = agentClient("ci-campaign", CAMPAIGN_KEY).releases(null);
        List<ReleaseView> settlement = agentClient("ci-settlement", SETTLEMENT_KEY).releases("beta");

        assertThat(campaign).extracting(ReleaseView::app, ReleaseView::env, ReleaseView::namespace, ReleaseView::tag,
                        ReleaseView::revision, ReleaseView::jobId, ReleaseView::client)
                .containsExactly(
                        tuple("campaign-api", "beta", NAMESPACE, "2.3.0", 1, deployJobs.get("campaign-api"),
                                "ci-campaign"),
                        tuple("campaign-web", "beta", NAMESPACE, "1.0.0", 1, deployJobs.get("campaign-web"),
                                "ci-campaign"));
        assertThat(campaign).allSatisfy(r -> assertThat(r.deployedAt()).isNotNull());
        assertThat(settlement).extracting(ReleaseView::app).containsExactly("settlement-web");
        assertThat(agentClient("ci-settlement", SETTLEMENT_KEY).releases("release")).isEmpty();
        assertThat(agentClient("ci-other", OTHER_KEY).releases(null)).isEmpty();
        assertThat(audit()).filteredOn(e -> "/api/v1/releases".equals(e.path()))
                .extracting(AuditEntry::client, AuditEntry::decision, AuditEntry::reason)
                .contains(tuple("ci-campaign", AuditEntry.ACCEPTED, "releases: 2"));
    }

    @Test
    void aReleasesCallWithABadSignatureIsRefusedAndAudited() {
        assertThatThrownBy(() -> agentClient("ci-campaign", CAMPAIGN_KEY + "-wrong").releases(null))
                .isInstanceOf(AgentRefusedException.class)
                .hasMessageStartingWith("the agent refused the releases list").hasMessageContaining("signature");

        assertThat(audit()).filteredOn(e -> "/api/v1/releases".equals(e.path())
                        && AuditEntry.REFUSED.equals(e.decision()))
                .extracting(AuditEntry::client, AuditEntry::reason)
                .containsExactly(tuple("ci-campaign", "bad-signature"));
    }

    @Test
    void aRestoreDryRunChangesNothingAndTheRestorePutsBackWhatTheClientsGrantsCover() throws Exception {
        AgentClient campaign = agentClient("ci-campaign", CAMPAIGN_KEY);
        List<String> dryLog = new CopyOnWriteArrayList<>();

        JobView dry = finish(campaign, campaign.restore("beta", true, "dry-1").id(), dryLog);

        assertThat(dry.exitCode()).as(String.join("\n", dryLog)).isZero();
        assertThat(dry.app()).isEqualTo("_restore");
        assertThat(dryLog).contains("skipped settlement-web in beta: no grant of client ci-campaign covers it",
                        "    restore done: " + NAMESPACE + "/campaign-web: would restore")
                .last().asString()
                .isEqualTo("==> dry run of the restore: 2 would be restored, 0 unchanged, 0 failed, 1 skipped");
        assertThat(freshCluster.namespaces().withName(NAMESPACE).get()).as("nothing created").isNull();

        List<String> log = new CopyOnWriteArrayList<>();
        JobView restored = finish(campaign, campaign.restore(null, false, "restore-1").id(), log);

        assertThat(restored.exitCode()).as(String.join("\n", log)).isZero();
        assertThat(restored.state()).isEqualTo("SUCCEEDED");
        assertThat(log).anyMatch(l -> l.contains("created namespace " + NAMESPACE))
                .last().asString().isEqualTo("==> restore: 2 restored, 0 unchanged, 0 failed, 1 skipped");
        assertThat(deploymentsInTheNewCluster()).containsExactly("campaign-api", "campaign-web");
        assertThat(freshCluster.apps().deployments().inNamespace(NAMESPACE).withName("campaign-api").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":2.3.0");
        assertThat(audit()).filteredOn(e -> "/api/v1/restore".equals(e.path()))
                .extracting(AuditEntry::client, AuditEntry::decision)
                .containsOnly(tuple("ci-campaign", AuditEntry.ACCEPTED));
    }

    @Test
    void aRetriedRestoreNamesTheSameJobAndOnlyTheClientThatAskedMayCancelIt() throws Exception {
        AgentClient campaign = agentClient("ci-campaign", CAMPAIGN_KEY);
        String id = campaign.restore("beta", true, "dry-cancel").id();
        finish(campaign, id, new CopyOnWriteArrayList<>());
        assertThat(campaign.restore("beta", true, "dry-cancel").id()).as("same Idempotency-Key").isEqualTo(id);
        assertThatThrownBy(() -> campaign.restore(null, true, "dry-cancel")).as("the key names another restore")
                .hasMessageContaining("idempotency key dry-cancel");

        assertThat(post("ci-settlement", SETTLEMENT_KEY, "/api/v1/deployments/" + id + "/cancel").statusCode())
                .isEqualTo(403);
        HttpResponse<String> own = post("ci-campaign", CAMPAIGN_KEY, "/api/v1/deployments/" + id + "/cancel");
        assertThat(own.statusCode()).as(own.body()).isEqualTo(202);
        assertThat(own.body()).contains("\"state\":\"SUCCEEDED\"");
    }

    private HttpResponse<String> post(String keyId, String key, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(agent.url().resolve(path))
                .POST(HttpRequest.BodyPublishers.noBody());
        new RequestSigner(keyId, key.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), new SecureRandom())
                .headers("POST", path, new byte[0]).forEach(request::header);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRestoreByAClientWhoseGrantsCoverNoDeployedAppIsRefusedAndAudited() {
        assertThatThrownBy(() -> agentClient("ci-other", OTHER_KEY).restore(null, false, "other-1"))
                .isInstanceOf(AgentRefusedException.class).hasMessageStartingWith("the agent refused the restore")
                .hasMessageContaining("ci-other may restore none of the 3 apps");

        assertThat(audit()).filteredOn(e -> "/api/v1/restore".equals(e.path()) && "ci-other".equals(e.client()))
                .extracting(AuditEntry::decision, AuditEntry::reason, AuditEntry::app)
                .containsExactly(tuple(AuditEntry.REFUSED, "not-allowed", "_restore"));
        assertThat(deploymentsInTheNewCluster()).doesNotContain("settlement-web");
    }
}
