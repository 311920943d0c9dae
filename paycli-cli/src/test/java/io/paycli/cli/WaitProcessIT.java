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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/paycli on the shaded jar as a process, against a sandbox, with kubectl as the judge: a release whose image
 * cannot be pulled fails fast and is rolled back, and `paycli sandbox` shows kubectl a slow rollout.
 */
class WaitProcessIT {
    @TempDir
    Path tmp;

    @Test
    void anImageThatCannotBePulledFailsFastWithExitFiveAndThePreviousImageIsBack() throws Exception {
        Processes processes = new Processes(tmp);
        SandboxSettings slowDeadline = SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(200))
                .withProgressDeadline(Duration.ofMinutes(10));
        try (Sandbox sandbox = Sandbox.start(0, slowDeadline)) {
            Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"));
            Path app = processes.example("web");
            assertThat(processes.kubectl(kubeconfig, "create", "namespace", "promotion-beta").exit()).isZero();
            Processes.Run first = processes.paycli(deploy(kubeconfig, app, "1.0.0"));
            assertThat(first.exit()).as(first.err()).isZero();

            Processes.Run failing = processes.paycli(deploy(kubeconfig, app, "2.0.0-fail-pull", "--timeout", "120s",
                    "--fail-fast-grace", "2s"));

            assertThat(failing.exit()).as(failing.err()).isEqualTo(5);
            assertThat(failing.took()).isLessThan(Duration.ofSeconds(60));
            assertThat(failing.err()).contains("ImagePullBackOff", "rolled back to revision 1");
            Processes.Run image = processes.kubectl(kubeconfig, "get", "deployment", "campaign-web", "-n",
                    "promotion-beta", "-o", "jsonpath={.spec.template.spec.containers[0].image}");
            assertThat(image.out()).isEqualTo("registry.example.com/pay/campaign-web:1.0.0");
        }
    }

    @Test
    void theSandboxCommandShowsKubectlASlowRollout() throws Exception {
        Processes processes = new Processes(tmp);
        Path kubeconfig = tmp.resolve("sandbox.kubeconfig");
        Process sandbox = processes.start(Processes.JAR, "sandbox", "sandbox", "--port", "0", "--kubeconfig",
                kubeconfig.toString(), "--rollout-delay", "2s", "--progress-deadline", "5s");
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
            Processes.Run created = processes.kubectl(kubeconfig, "apply", "-f",
                    manifest.toString());
            assertThat(created.exit()).as(created.err()).isZero();

            Processes.Run status = processes.kubectl(kubeconfig, "rollout", "status", "deployment/web",
                    "--timeout=60s");

            assertThat(status.exit()).as(status.out() + status.err()).isZero();
            assertThat(status.out()).contains("Waiting for deployment \"web\" rollout to finish",
                    "deployment \"web\" successfully rolled out");
            assertThat(status.took()).isGreaterThan(Duration.ofSeconds(2));
        } finally {
            sandbox.destroy();
            assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String[] deploy(Path kubeconfig, Path app, String tag, String... more) {
        List<String> args = new ArrayList<>(List.of("deploy", "-f", app.toString(), "-e", "beta", "-t", tag,
                "--context", Sandbox.DEFAULT_CONTEXT, "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
