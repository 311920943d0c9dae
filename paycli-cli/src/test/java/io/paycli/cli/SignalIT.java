package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy stopped by a signal, as a cancelled CI job or Ctrl-C stops it: bin/paycli as a process on the shaded
 * jar, against a sandbox whose rollouts take minutes, with kubectl as the judge of what is left in the cluster.
 */
class SignalIT {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    Processes processes;
    Sandbox sandbox;
    Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        processes = new Processes(tmp);
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMinutes(10)));
        kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
        assertThat(kubectl("create", "namespace", NS)).contains("created");
        Processes.Run first = processes.paycli(args("deploy", "-t", "1.0.0", "--no-wait"));
        assertThat(first.exit()).as(first.toString()).isZero();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void sigtermDuringTheWaitPutsThePreviousRevisionBackRecordsItAndReleasesTheLock() throws Exception {
        Process deploy = startDeploy(Processes.JAR);

        deploy.destroy(); // SIGTERM
        assertThat(deploy.waitFor(30, TimeUnit.SECONDS)).as("stopped within seconds").isTrue();

        assertStoppedCleanly(deploy, "SIGTERM");
    }

    @Test
    void sigintToTheLauncherWhileItRecordsItsClassArchiveReachesJava() throws Exception {
        // A jar in a new directory has no class-data archive yet, so the launcher runs java as its child
        // instead of exec'ing it, and must pass the signal on.
        Path jar = Files.copy(Processes.JAR, Files.createDirectories(tmp.resolve("fresh")).resolve("paycli.jar"));
        Process deploy = startDeploy(jar);

        signal(deploy, "INT");
        boolean stopped = deploy.waitFor(30, TimeUnit.SECONDS);
        assertThat(stopped).as("stopped within seconds; its stderr so far:%n%s", processes.read("deploy", "err"))
                .isTrue();

        assertStoppedCleanly(deploy, "SIGTERM");
    }

    @Test
    void aSecondSignalExitsAtOnceAndLeavesTheLockToExpire() throws Exception {
        Process deploy = startDeploy(Processes.JAR);

        signal(deploy, "TERM");
        Thread.sleep(50);
        signal(deploy, "TERM");
        assertThat(deploy.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String err = processes.read("deploy", "err");
        assertThat(deploy.exitValue()).as(err).isEqualTo(130);
        assertThat(err).contains("error: stopped at once by a second signal; the deploy lock expires by itself");
        assertThat(kubectl("get", "leases", "-n", NS, "-o", "name")).isEqualTo("lease.coordination.k8s.io/"
                + "paycli-lock-campaign-web");
    }

    private void assertStoppedCleanly(Process deploy, String signal) throws Exception {
        String err = processes.read("deploy", "err");
        assertThat(deploy.exitValue()).as(err).isEqualTo(5);
        List<String> errors = err.lines().filter(l -> l.startsWith("error:")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("interrupted by " + signal, "put revision 1 (1.0.0) back",
                "recorded as interrupted", "lock released");
        assertThat(err).doesNotContain("Exception", "\tat ");
        assertThat(kubectl("get", "deployment", "campaign-web", "-n", NS, "-o",
                "jsonpath={.spec.template.spec.containers[0].image}")).endsWith(":1.0.0");
        assertThat(kubectl("get", "leases", "-n", NS, "-o", "name")).isEmpty();
        assertThat(kubectl("get", "secret", "paycli-release.campaign-web.beta.v2", "-n", NS, "-o", "name"))
                .isEqualTo("secret/paycli-release.campaign-web.beta.v2");
        Processes.Run history = processes.paycli(args("history", "-o", "json"));
        assertThat(history.out()).contains("\"result\" : \"interrupted\"");
    }

    /** Starts a deploy of 2.0.0 and returns once it has applied it and waits for it. */
    private Process startDeploy(Path jar) throws Exception {
        Process deploy = processes.start(jar, "deploy", args("deploy", "-t", "2.0.0", "--timeout", "5m"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!processes.read("deploy", "err").contains("to become healthy") && deploy.isAlive()
                && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(deploy.isAlive()).as(processes.read("deploy", "err")).isTrue();
        assertThat(kubectl("get", "deployment", "campaign-web", "-n", NS, "-o",
                "jsonpath={.spec.template.spec.containers[0].image}")).endsWith(":2.0.0");
        return deploy;
    }

    private String[] args(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "-f", "examples/web", "-e", "beta",
                "--kubeconfig", kubeconfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    private String kubectl(String... args) throws Exception {
        Processes.Run run = processes.kubectl(kubeconfig, args);
        return (run.out() + run.err()).trim();
    }

    private static void signal(Process process, String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid())).start().waitFor();
    }
}
