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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/paycli on the shaded jar as a process, against a sandbox, with kubectl as the judge: a release whose image
 * cannot be pulled fails fast and is rolled back, and `paycli sandbox` shows kubectl a slow rollout.
 */
class WaitProcessIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path LAUNCHER = ROOT.resolve("bin").resolve("paycli");
    private static final Path JAR = Path.of("target", "paycli.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err, Duration took) {
    }

    private Run run(Path kubeconfig, String command, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        line.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(line).directory(tmp.toFile());
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PAYCLI_JAR", JAR.toString());
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("HOME", tmp.toString());
        long started = System.nanoTime();
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", line)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
    }

    private Run paycli(Path kubeconfig, Path app, String tag, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("deploy", "-f", app.toString(), "-e", "beta", "-t", tag,
                "--context", Sandbox.DEFAULT_CONTEXT, "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(more));
        return run(kubeconfig, LAUNCHER.toString(), args.toArray(String[]::new));
    }

    @Test
    void anImageThatCannotBePulledFailsFastWithExitFiveAndThePreviousImageIsBack() throws Exception {
        SandboxSettings slowDeadline = SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(200))
                .withProgressDeadline(Duration.ofMinutes(10));
        try (Sandbox sandbox = Sandbox.start(0, slowDeadline)) {
            Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"));
            Path app = copy(ROOT.resolve("examples").resolve("web"), tmp.resolve("web"));
            assertThat(run(kubeconfig, "kubectl", "create", "namespace", "promotion-beta").exit()).isZero();
            Run first = paycli(kubeconfig, app, "1.0.0");
            assertThat(first.exit()).as(first.err()).isZero();

            Run failing = paycli(kubeconfig, app, "2.0.0-fail-pull", "--timeout", "120s", "--fail-fast-grace", "2s");

            assertThat(failing.exit()).as(failing.err()).isEqualTo(5);
            assertThat(failing.took()).isLessThan(Duration.ofSeconds(60));
            assertThat(failing.err()).contains("ImagePullBackOff", "rolled back to revision 1");
            Run image = run(kubeconfig, "kubectl", "get", "deployment", "campaign-web", "-n", "promotion-beta", "-o",
                    "jsonpath={.spec.template.spec.containers[0].image}");
            assertThat(image.out()).isEqualTo("registry.example.com/pay/campaign-web:1.0.0");
        }
    }

    @Test
    void theSandboxCommandShowsKubectlASlowRollout() throws Exception {
        Path kubeconfig = tmp.resolve("sandbox.kubeconfig");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "sandbox", "--port", "0", "--kubeconfig",
                kubeconfig.toString(), "--rollout-delay", "2s", "--progress-deadline", "5s");
        pb.environment().put("PAYCLI_JAR", JAR.toString());
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("sandbox.log").toFile());
        Process sandbox = pb.start();
        try {
            for (int i = 0; i < 300 && !Files.exists(kubeconfig); i++) {
                Thread.sleep(100);
            }
            assertThat(kubeconfig).exists();
            Path manifest = Files.writeString(tmp.resolve("web.yaml"), String.join("\n",
                    "apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web, namespace: default}",
                    "spec:", "  replicas: 2", "  selector: {matchLabels: {app: web}}",
                    "  template:", "    metadata: {labels: {app: web}}",
                    "    spec: {containers: [{name: web, image: 'nginx:1'}]}", ""));
            Run created = run(kubeconfig, "kubectl", "apply", "--validate=false", "-f",
                    manifest.toString());
            assertThat(created.exit()).as(created.err()).isZero();

            Run status = run(kubeconfig, "kubectl", "rollout", "status", "deployment/web", "--timeout=60s");

            assertThat(status.exit()).as(status.out() + status.err()).isZero();
            assertThat(status.out()).contains("Waiting for deployment \"web\" rollout to finish",
                    "deployment \"web\" successfully rolled out");
            assertThat(status.took()).isGreaterThan(Duration.ofSeconds(2));
        } finally {
            sandbox.destroy();
            assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Path copy(Path source, Path target) throws IOException {
        try (var files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return target;
    }
}
