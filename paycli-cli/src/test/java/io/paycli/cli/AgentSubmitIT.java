package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * CI deploying through the agent, all as processes: bin/paycli sandbox as the cluster, bin/paycli agent serve
 * inside the "zone", bin/paycli agent submit as the CI job; kubectl judges what reached the cluster.
 */
class AgentSubmitIT {
    private static final String KEY = "the-ci-settlement-key-0123456789abcdef";
    private static final Pattern LISTENING = Pattern.compile("paycli agent listening on (http://127\\.0\\.0\\.1:\\d+)");

    @TempDir
    Path home;

    private Processes processes;
    private SandboxProcess sandbox;
    private Process agent;
    private String url;
    private Path app;

    @BeforeEach
    void start() throws Exception {
        processes = new Processes(home);
        sandbox = SandboxProcess.start(processes, home, "--port", "0");
        sandbox.kubectlOut("create", "namespace", "promotion-beta");
        Path config = home.resolve("agent.yaml");
        Files.writeString(config, """
                listen: 127.0.0.1:0
                dataDir: agent-data
                shutdownGrace: 10s
                clients:
                  - id: ci-settlement
                    secretEnv: PAYCLI_CLIENT_CI_SETTLEMENT
                    allow: [{apps: ["campaign-*"], envs: [beta]}]
                """);
        processes.env("KUBECONFIG", sandbox.kubeconfig().toString()).env("PAYCLI_CLIENT_CI_SETTLEMENT", KEY);
        agent = processes.start(Processes.JAR, "agent", "agent", "serve", "--config", config.toString());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!processes.read("agent", "out").contains("listening on") && agent.isAlive()
                && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        Matcher line = LISTENING.matcher(processes.read("agent", "out"));
        assertThat(line.find()).as(processes.read("agent", "err")).isTrue();
        url = line.group(1);
        app = processes.example("web");
        Files.writeString(app.resolve("paycli.yaml"), Files.readString(app.resolve("paycli.yaml"))
                .replace("context: beta-cluster", "context: paycli-sandbox"));
    }

    @AfterEach
    void stop() throws Exception {
        agent.destroy();
        assertThat(agent.waitFor(60, TimeUnit.SECONDS)).isTrue();
        sandbox.close();
    }

    private Processes.Run submit(String key, String tag) throws Exception {
        return processes.env("PAYCLI_AGENT_SECRET", key).paycli("agent", "submit", "--agent", url, "--key-id",
                "ci-settlement", "-f", app.toString(), "-e", "beta", "-t", tag);
    }

    @Test
    void submitDeploysStreamsTheJobLogAndExitsWithTheJobsExitCode() throws Exception {
        Processes.Run run = submit(KEY, "1.0.0");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.out()).contains("==> lock: lock campaign-web in promotion-beta").contains("kind: Deployment")
                .contains("==> deployed campaign-web 1.0.0 to beta as revision 1");
        assertThat(run.err()).startsWith("bundle: 6 files").contains("accepted: campaign-web 1.0.0 to beta")
                .contains("succeeded (exit 0)");
        assertThat(sandbox.kubectlOut("get", "deployment", "campaign-web", "-n", "promotion-beta", "-o",
                "jsonpath={.spec.template.spec.containers[0].image}")).endsWith(":1.0.0");
        assertThat(home.resolve("agent-data/archive/.git")).as("archived in the agent's data directory")
                .isDirectory();

        Processes.Run releases = processes.paycli("agent", "releases", "--agent", url, "--key-id", "ci-settlement",
                "-o", "json");
        assertThat(releases.exit()).as(releases.toString()).isZero();
        JsonNode release = JsonMapper.builder().build().readTree(releases.out()).get(0);
        assertThat(release.get("app").asString()).isEqualTo("campaign-web");
        assertThat(release.get("tag").asString()).isEqualTo("1.0.0");
        assertThat(release.get("revision").asInt()).isEqualTo(1);
        assertThat(release.get("healthy").asBoolean()).as("read from the cluster").isTrue();
        Processes.Run restore = processes.paycli("agent", "restore", "--agent", url, "--key-id", "ci-settlement",
                "-e", "beta");
        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(restore.out()).contains("==> restore: 0 restored, 1 unchanged, 0 failed, 0 skipped");

        Path copy = home.resolve("copy.db");
        Processes.Run copied = processes.paycli("agent", "copy-db", "--config", home.resolve("agent.yaml").toString(),
                "--to", "jdbc:sqlite:" + copy, "-o", "json");
        assertThat(copied.exit()).as(copied.toString()).isZero();
        JsonNode counts = JsonMapper.builder().build().readTree(copied.out());
        assertThat(counts.get("jobs").asInt()).as("the deploy and the restore").isEqualTo(2);
        assertThat(counts.get("auditEntries").asInt()).isPositive();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT tag, state FROM jobs ORDER BY seq")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1) + " " + r.getString(2)).isEqualTo("1.0.0 SUCCEEDED");
        }
    }

    @Test
    void aRefusedRequestExits4AndAFailedReleaseExits5() throws Exception {
        Processes.Run refused = submit(KEY + "-not-it", "1.0.0");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(4);
        assertThat(refused.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement().asString()
                .contains("the agent refused").contains("signature");

        Processes.Run failed = submit(KEY, "2.0.0-fail-pull");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(5);
        assertThat(failed.out()).contains("FAILED").contains("ImagePull"); // ErrImagePull or, later, ImagePullBackOff
        assertThat(failed.err()).contains("failed (exit 5)");
    }

    @Test
    void ctrlCAsksTheAgentToCancelTheJobAndShowsTheRollbackToItsEnd() throws Exception {
        assertThat(submit(KEY, "1.0.0").exit()).isZero();
        Process running = processes.env("PAYCLI_AGENT_SECRET", KEY).startForeground("cancelled", "agent",
                "submit", "--agent", url, "--key-id", "ci-settlement", "-f", app.toString(), "-e", "beta", "-t",
                "2.0.0-fail-crash"); // never healthy: the job is still waiting when the signal comes
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!processes.read("cancelled", "out").contains("==> wait:") && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        new ProcessBuilder("kill", "-INT", Long.toString(running.pid())).start().waitFor();

        assertThat(running.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = processes.read("cancelled", "err");
        assertThat(running.exitValue()).as(err).isEqualTo(5);
        assertThat(err).contains("SIGINT: stopping; the agent is asked to cancel the job")
                .contains("asked the agent to cancel job").contains("cancelled (exit 5)");
        assertThat(processes.read("cancelled", "out")).contains("cancelled by ci-settlement");
        assertThat(sandbox.kubectlOut("get", "deployment", "campaign-web", "-n", "promotion-beta", "-o",
                "jsonpath={.spec.template.spec.containers[0].image}")).endsWith(":1.0.0");
    }
}
