package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent killed with SIGKILL in the middle of a deploy, all as processes: at its next start the job is marked
 * interrupted and runs again, waiting out the dead run's deploy lock; the CI job that submitted it reattaches to the
 * same job and ends with its exit code; the cluster holds one consistent release and the queue one job.
 */
class AgentDurabilityIT {
    private static final String KEY = "the-ci-settlement-key-0123456789abcdef";

    @TempDir
    Path home;

    @Test
    void aJobRunningWhenTheAgentIsKilledRunsAgainAtTheNextStartAndEndsOnce() throws Exception {
        Processes processes = new Processes(home);
        // Slow rollouts keep the job running long enough to be killed in the middle of it.
        try (SandboxProcess sandbox = SandboxProcess.start(processes, home, "--port", "0", "--rollout-delay", "3s")) {
            sandbox.kubectlOut("create", "namespace", "promotion-beta");
            int port = freePort();
            Path config = home.resolve("agent.yaml");
            Files.writeString(config, """
                    listen: 127.0.0.1:%d
                    dataDir: agent-data
                    shutdownGrace: 5s
                    clients:
                      - id: ci-settlement
                        secretEnv: PAYCLI_CLIENT_CI_SETTLEMENT
                        allow: [{apps: ["campaign-*"], envs: [beta]}]
                    """.formatted(port));
            processes.env("KUBECONFIG", sandbox.kubeconfig().toString()).env("PAYCLI_CLIENT_CI_SETTLEMENT", KEY)
                    .env("PAYCLI_AGENT_SECRET", KEY).env("PAYCLI_AGENT_ID", "agent-0");
            Path app = processes.example("web");
            Files.writeString(app.resolve("paycli.yaml"), Files.readString(app.resolve("paycli.yaml"))
                    .replace("context: beta-cluster", "context: paycli-sandbox"));

            Process first = startAgent(processes, "agent-1", config);
            Process submit = processes.start(Processes.JAR, "submit", "agent", "submit", "--agent",
                    "http://127.0.0.1:" + port, "--key-id", "ci-settlement", "-f", app.toString(), "-e", "beta",
                    "-t", "1.0.0", "--attempts", "10");
            awaitDeploymentCreated(sandbox);
            first.destroyForcibly(); // SIGKILL: no shutdown hook, no grace, the job left RUNNING in the database
            assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);

            Process second = startAgent(processes, "agent-2", config);
            try {
                assertThat(submit.waitFor(180, TimeUnit.SECONDS)).as("submit ends").isTrue();
                String out = processes.read("submit", "out");
                String err = processes.read("submit", "err");
                assertThat(submit.exitValue()).as(out + err).isZero();
                assertThat(err).contains("connection to the agent lost").contains("succeeded (exit 0)")
                        .doesNotContain("Exception");
                assertThat(err.lines().filter(l -> l.contains(" accepted: ")).count()).as("submitted once")
                        .isEqualTo(1);
                assertThat(out).contains("run 1 stopped: agent agent-0 restarted while it ran; it will run again")
                        .contains("==> lock: held by ci-settlement@")
                        .contains("==> deployed campaign-web 1.0.0 to beta as revision 1");
            } finally {
                second.destroy();
                assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            // The release record: one revision, succeeded, for the one version; nothing recorded by the killed run.
            Processes.Run history = processes.paycli("history", "-f", app.toString(), "-e", "beta", "-o", "json");
            JsonNode revisions = JsonMapper.builder().build().readTree(history.out());
            assertThat(revisions.size()).as(history.toString()).isEqualTo(1);
            assertThat(revisions.get(0).get("result").asString()).isEqualTo("succeeded");
            assertThat(revisions.get(0).get("tag").asString()).isEqualTo("1.0.0");
        }
        // The queue: one job, run twice (killed, then run again to its end), never lost nor duplicated.
        assertThat(jobs(home.resolve("agent-data/agent.db"))).containsExactly("campaign-web beta SUCCEEDED 2");
    }

    private static Process startAgent(Processes processes, String name, Path config) throws Exception {
        Process agent = processes.start(Processes.JAR, name, "agent", "serve", "--config", config.toString());
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!processes.read(name, "out").contains("listening on") && agent.isAlive() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(processes.read(name, "out")).as(processes.read(name, "err")).contains("listening on");
        return agent;
    }

    /** The job is in the middle of its rollout once its Deployment reached the cluster. */
    private static void awaitDeploymentCreated(SandboxProcess sandbox) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            if (sandbox.kubectlOut("get", "deployments", "-n", "promotion-beta", "-o", "name")
                    .contains("deployment.apps/campaign-web")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the job never created its Deployment");
    }

    private static List<String> jobs(Path database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT app, env, state, attempts FROM jobs ORDER BY seq")) {
            while (r.next()) {
                rows.add(r.getString(1) + " " + r.getString(2) + " " + r.getString(3) + " " + r.getInt(4));
            }
        }
        return rows;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
