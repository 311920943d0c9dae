package io.paycli.agent.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import io.paycli.agent.bundle.TarGz;
import io.paycli.agent.client.AgentClient;
import io.paycli.agent.client.AgentRefusedException;
import io.paycli.agent.client.JobView;
import io.paycli.agent.client.SubmitFlow;
import io.paycli.agent.config.AgentConfigLoader;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import io.paycli.sandbox.Sandbox;
import java.io.IOException;
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
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/** A real agent on a free port, deploying into a sandbox, called the way CI calls it. */
class AgentApiTest {
    private static final String KEY = "k3y-of-ci-settlement-0123456789abcdef";

    @TempDir
    Path tmp;

    private Sandbox sandbox;
    private KubernetesClient cluster;
    private Agent agent;

    @BeforeEach
    void start() throws IOException {
        sandbox = Sandbox.start(0);
        Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), "beta-cluster");
        cluster = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(sandbox.url())
                .withOauthToken("sandbox").build()).build();
        cluster.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("promotion-beta")
                .endMetadata().build()).create();
        Path yaml = tmp.resolve("agent.yaml");
        Files.writeString(yaml, """
                listen: 127.0.0.1:0
                dataDir: data
                workers: 2
                shutdownGrace: 5s
                clients:
                  - id: ci-settlement
                    secretEnv: CI_KEY
                    allow: [{apps: ["campaign-*"], envs: [beta]}]
                """);
        DeployService deploys = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(kubeconfig), List.of(), Clock.systemUTC());
        agent = Agent.start(new AgentConfigLoader().load(yaml), Map.of("CI_KEY", KEY), deploys, "agent-test",
                Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        agent.stop();
        cluster.close();
        sandbox.close();
    }

    private AgentClient client(String keyId, String key) {
        return new AgentClient(agent.url(), new RequestSigner(keyId, key.getBytes(StandardCharsets.UTF_8),
                Clock.systemUTC(), new SecureRandom()), Duration.ofSeconds(10));
    }

    private byte[] bundle(String app) {
        return ExampleApps.pack(ExampleApps.copyAs("web", app, tmp.resolve("app-" + app)));
    }

    private List<AuditEntry> audit() {
        return new AuditFile(tmp.resolve("data/audit.jsonl")).read();
    }

    @Test
    void aSignedSubmitDeploysAndTheStreamedLogEndsWithTheJobsExitCode() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        List<String> notes = new CopyOnWriteArrayList<>();

        int exit = new SubmitFlow(client("ci-settlement", KEY), log::add, notes::add, d -> { }, 3)
                .run(bundle("campaign-web"), "beta", "1.0.0", false);

        assertThat(exit).isZero();
        assertThat(log).anyMatch(l -> l.startsWith("==> lock:")).contains("kind: Deployment")
                .last().asString().startsWith("==> deployed campaign-web 1.0.0 to beta as revision 1");
        assertThat(notes.get(0)).startsWith("job ").contains("accepted: campaign-web 1.0.0 to beta");
        assertThat(cluster.apps().deployments().inNamespace("promotion-beta").withName("campaign-web").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.0.0");
        assertThat(audit()).anySatisfy(e -> {
            assertThat(e.decision()).isEqualTo(AuditEntry.ACCEPTED);
            assertThat(e.client()).isEqualTo("ci-settlement");
            assertThat(e.app()).isEqualTo("campaign-web");
            assertThat(e.tag()).isEqualTo("1.0.0");
            assertThat(e.reason()).startsWith("job ");
        });
    }

    @Test
    void aDryRunAsksTheServerAndChangesNothing() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();

        int exit = new SubmitFlow(client("ci-settlement", KEY), log::add, n -> { }, d -> { }, 3)
                .run(bundle("campaign-web"), "beta", "1.0.0", true);

        assertThat(exit).isZero();
        assertThat(log).anyMatch(l -> l.contains("(server dry run)"))
                .last().asString().startsWith("==> dry run of 1.0.0 to beta: 4 objects to apply");
        assertThat(cluster.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void aCutLogStreamIsReattachedAfterTheLastLineSeenAndTheJobIsSubmittedOnce() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        List<String> notes = new CopyOnWriteArrayList<>();
        try (CuttingProxy proxy = new CuttingProxy(agent.url().getPort())) {
            AgentClient viaProxy = new AgentClient(proxy.url(), new RequestSigner("ci-settlement",
                    KEY.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(), new SecureRandom()),
                    Duration.ofSeconds(10));

            int exit = new SubmitFlow(viaProxy, log::add, notes::add, d -> { }, 5)
                    .run(bundle("campaign-web"), "beta", "1.0.0", false);

            assertThat(proxy.cut()).isTrue();
            assertThat(exit).isZero();
        }
        assertThat(notes).anyMatch(n -> n.startsWith("connection to the agent lost"));
        assertThat(log.get(0)).startsWith("==> job ");
        assertThat(log).last().asString().startsWith("==> deployed campaign-web 1.0.0");
        String id = log.get(0).substring("==> job ".length(), log.get(0).indexOf(':'));
        List<String> whole = new CopyOnWriteArrayList<>();
        client("ci-settlement", KEY).follow(id, 0, (n, text) -> whole.add(text));
        assertThat(log).as("every line once, in order").isEqualTo(whole);
        assertThat(audit()).filteredOn(e -> e.reason() != null && e.reason().startsWith("job ")).hasSize(1);
    }

    @Test
    void aSubmitCancelledMidDeployPutsThePreviousRevisionBackAndEndsWithTheJobsExitCode() throws Exception {
        AgentClient ci = client("ci-settlement", KEY);
        byte[] bundle = bundle("campaign-web");
        assertThat(new SubmitFlow(ci, l -> { }, n -> { }, d -> { }, 3).run(bundle, "beta", "1.0.0", false)).isZero();
        List<String> log = new CopyOnWriteArrayList<>();
        List<String> notes = new CopyOnWriteArrayList<>();
        SubmitFlow[] flow = new SubmitFlow[1];
        flow[0] = new SubmitFlow(ci, line -> {
            log.add(line);
            if (line.startsWith("==> wait:")) {
                flow[0].cancel(); // as Ctrl-C does, in the middle of the rollout
            }
        }, notes::add, d -> { }, 3);

        int exit = flow[0].run(bundle, "beta", "2.0.0", false);

        assertThat(exit).as(String.join("\n", log)).isEqualTo(5);
        assertThat(notes).anyMatch(n -> n.startsWith("asked the agent to cancel job "))
                .last().asString().endsWith(" cancelled (exit 5)");
        assertThat(log).anyMatch(l -> l.contains("cancelled by ci-settlement"));
        assertThat(cluster.apps().deployments().inNamespace("promotion-beta").withName("campaign-web").get()
                .getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).endsWith(":1.0.0");
    }

    @Test
    void aRetriedSubmitWithTheSameIdempotencyKeyNamesTheSameJob() throws Exception {
        AgentClient ci = client("ci-settlement", KEY);
        byte[] bundle = bundle("campaign-web");

        JobView first = ci.submit(bundle, "beta", "1.0.0", true, "retry-1");
        JobView again = ci.submit(bundle, "beta", "1.0.0", true, "retry-1");

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(Files.list(tmp.resolve("data/bundles")).count()).as("one bundle kept").isEqualTo(1);
        assertThatThrownBy(() -> ci.submit(bundle, "beta", "2.0.0", true, "retry-1"))
                .as("the key of another job").isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("idempotency key retry-1");
        assertThat(Files.list(tmp.resolve("data/bundles")).count()).as("the refused bundle removed").isEqualTo(1);
    }

    @Test
    void aBadSignatureAnUnknownKeyAndAnAppOutsideTheGrantAreRefusedAndAudited() {
        byte[] bundle = bundle("campaign-web");

        assertThatThrownBy(() -> client("ci-settlement", KEY + "-wrong").submit(bundle, "beta", "1.0.0", false, "a"))
                .isInstanceOf(AgentRefusedException.class).hasMessageContaining("signature");
        assertThatThrownBy(() -> client("ci-unknown", KEY).submit(bundle, "beta", "1.0.0", false, "b"))
                .isInstanceOf(AgentRefusedException.class);
        assertThatThrownBy(() -> client("ci-settlement", KEY).submit(bundle("settlement-web"), "beta", "1.0.0",
                false, "c")).isInstanceOf(AgentRefusedException.class).hasMessageContaining("settlement-web");
        assertThatThrownBy(() -> client("ci-settlement", KEY).submit(bundle, "release", "1.0.0", false, "d"))
                .isInstanceOf(AgentRefusedException.class);

        assertThat(audit()).filteredOn(e -> e.decision().equals(AuditEntry.REFUSED)).extracting(AuditEntry::reason)
                .containsExactly("bad-signature", "unknown-key", "not-allowed", "not-allowed");
        assertThat(cluster.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void anExpiredTimestampAndAReplayAreRefusedAndAudited() throws Exception {
        AgentClient late = new AgentClient(agent.url(), new RequestSigner("ci-settlement",
                KEY.getBytes(StandardCharsets.UTF_8), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)),
                new SecureRandom()), Duration.ofSeconds(10));
        assertThatThrownBy(() -> late.submit(bundle("campaign-web"), "beta", "1.0.0", false, "f"))
                .isInstanceOf(AgentRefusedException.class).hasMessageContaining("clock");

        String path = "/api/v1/deployments/no-such-job";
        HttpRequest.Builder once = HttpRequest.newBuilder(agent.url().resolve(path)).GET();
        new RequestSigner("ci-settlement", KEY.getBytes(StandardCharsets.UTF_8), Clock.systemUTC(),
                new SecureRandom()).headers("GET", path, new byte[0]).forEach(once::header);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> first = http.send(once.build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> again = http.send(once.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).as(first.body()).isEqualTo(404);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(401);
        assertThat(again.body()).contains("\"reason\":\"replay\"");
        assertThat(audit()).filteredOn(e -> e.decision().equals(AuditEntry.REFUSED)).extracting(AuditEntry::reason)
                .containsExactly("clock-skew", "no-such-job", "replay");
    }

    static Stream<Arguments> attacks() {
        byte[] random = new byte[9 << 20];
        new java.util.Random(7).nextBytes(random);
        return Stream.of(
                Arguments.of("path traversal", TarGz.bundle().file("../escaped", "x").gz()),
                Arguments.of("absolute path", TarGz.bundle().file("/tmp/paycli-escaped", "x").gz()),
                Arguments.of("symbolic link", TarGz.bundle().special("config", TarConstants.LF_SYMLINK, "/etc").gz()),
                Arguments.of("hard link", TarGz.bundle().special("passwd", TarConstants.LF_LINK, "/etc/passwd").gz()),
                Arguments.of("device file", TarGz.bundle().special("tty", TarConstants.LF_CHR, null).gz()),
                Arguments.of("gzip bomb", TarGz.bundle().zeros("config/big", 70 << 20).gz()),
                Arguments.of("oversized", TarGz.gzip(random)),
                Arguments.of("not gzip", "not a tar.gz".getBytes(StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("attacks")
    void aHostileBundleIsRefusedAndNothingIsWrittenOutsideTheJobsDirectory(String attack, byte[] bundle)
            throws Exception {
        assertThatThrownBy(() -> client("ci-settlement", KEY).submit(bundle, "beta", "1.0.0", false, attack))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("the agent refused the deployment");

        assertThat(audit()).last().extracting(AuditEntry::decision, AuditEntry::reason)
                .containsExactly(AuditEntry.REFUSED, attack.equals("oversized") ? "too-large" : "bad-bundle");
        try (Stream<Path> left = Files.list(tmp.resolve("data/bundles"))) {
            assertThat(left).as("no job directory is kept, and nothing beside one").isEmpty();
        }
        assertThat(tmp.resolve("data/escaped")).doesNotExist();
        assertThat(Path.of("/tmp/paycli-escaped")).doesNotExist();
        assertThat(cluster.apps().deployments().inAnyNamespace().list().getItems()).isEmpty();
    }

    @Test
    void bytesThatAreNotABundleAre400AndNothingIsQueued() throws Exception {
        assertThatThrownBy(() -> client("ci-settlement", KEY).submit("not a tar.gz".getBytes(StandardCharsets.UTF_8),
                "beta", "1.0.0", false, "e")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("gzip");

        assertThat(audit()).last().extracting(AuditEntry::decision, AuditEntry::reason)
                .containsExactly(AuditEntry.REFUSED, "bad-bundle");
        try (Stream<Path> left = Files.list(tmp.resolve("data/bundles"))) {
            assertThat(left).isEmpty();
        }
    }
}
