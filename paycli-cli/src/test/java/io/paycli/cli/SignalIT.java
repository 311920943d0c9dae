package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "paycli.jar").toAbsolutePath();
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    Sandbox sandbox;
    Path kubeconfig;

    @BeforeEach
    void start() throws Exception {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMinutes(10)));
        kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
        assertThat(kubectl("create", "namespace", NS)).contains("created");
        Process first = paycli(JAR, "1.0.0", "--no-wait");
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).as(read("err-1.0.0")).isZero();
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void sigtermDuringTheWaitPutsThePreviousRevisionBackRecordsItAndReleasesTheLock() throws Exception {
        Process deploy = paycli(JAR, "2.0.0");
        awaitWaiting(deploy);

        deploy.destroy(); // SIGTERM
        assertThat(deploy.waitFor(30, TimeUnit.SECONDS)).as("stopped within seconds").isTrue();

        assertStoppedCleanly(deploy, "SIGTERM");
    }

    @Test
    void sigintToTheLauncherWhileItRecordsItsClassArchiveReachesJava() throws Exception {
        // A jar in a new directory has no class-data archive yet, so the launcher runs java as its child
        // instead of exec'ing it, and must pass the signal on.
        Path jar = Files.copy(JAR, Files.createDirectories(tmp.resolve("fresh")).resolve("paycli.jar"));
        Process deploy = paycli(jar, "2.0.0");
        awaitWaiting(deploy);

        new ProcessBuilder("kill", "-INT", String.valueOf(deploy.pid())).start().waitFor();
        assertThat(deploy.waitFor(30, TimeUnit.SECONDS)).as("stopped within seconds").isTrue();

        assertStoppedCleanly(deploy, "SIGTERM");
    }

    @Test
    void aSecondSignalExitsAtOnceAndLeavesTheLockToExpire() throws Exception {
        Process deploy = paycli(JAR, "2.0.0");
        awaitWaiting(deploy);

        new ProcessBuilder("kill", "-TERM", String.valueOf(deploy.pid())).start().waitFor();
        Thread.sleep(50);
        new ProcessBuilder("kill", "-TERM", String.valueOf(deploy.pid())).start().waitFor();
        assertThat(deploy.waitFor(30, TimeUnit.SECONDS)).isTrue();

        String err = read("err-2.0.0");
        assertThat(deploy.exitValue()).as(err).isEqualTo(130);
        assertThat(err).contains("error: stopped at once by a second signal; the deploy lock expires by itself");
        assertThat(kubectl("get", "leases", "-n", NS, "-o", "name")).isEqualTo("lease.coordination.k8s.io/"
                + "paycli-lock-campaign-web");
    }

    private void assertStoppedCleanly(Process deploy, String signal) throws Exception {
        String err = read("err-2.0.0");
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
        Process history = paycli(JAR, null, "-o", "json");
        assertThat(history.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(read("out-history")).contains("\"result\" : \"interrupted\"");
    }

    /** Until the deploy has applied 2.0.0 and waits for it. */
    private void awaitWaiting(Process deploy) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!read("err-2.0.0").contains("to become healthy") && deploy.isAlive() && System.nanoTime() < end) {
            Thread.sleep(100);
        }
        assertThat(deploy.isAlive()).as(read("err-2.0.0")).isTrue();
        assertThat(kubectl("get", "deployment", "campaign-web", "-n", NS, "-o",
                "jsonpath={.spec.template.spec.containers[0].image}")).endsWith(":2.0.0");
    }

    private Process paycli(Path jar, String tag, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of(ROOT.resolve("bin/paycli").toString(),
                tag == null ? "history" : "deploy", "-f", ROOT.resolve("examples/web").toString(), "-e", "beta",
                "--kubeconfig", kubeconfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT));
        if (tag != null) {
            args.addAll(List.of("-t", tag, "--timeout", "5m"));
        }
        args.addAll(List.of(extra));
        String name = tag == null ? "history" : tag;
        ProcessBuilder pb = new ProcessBuilder(args).redirectOutput(tmp.resolve("out-" + name).toFile())
                .redirectError(tmp.resolve("err-" + name).toFile());
        pb.environment().put("PAYCLI_JAR", jar.toString());
        return pb.start();
    }

    private String read(String file) throws IOException {
        Path path = tmp.resolve(file);
        return Files.exists(path) ? Files.readString(path, StandardCharsets.UTF_8) : "";
    }

    private String kubectl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }
}
