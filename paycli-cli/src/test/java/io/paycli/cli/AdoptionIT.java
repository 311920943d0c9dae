package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app whose Deployment was made with {@code kubectl apply} (client side) and then deployed by
 * {@code bin/paycli deploy}: paycli adopts it, so what kubectl added and the render does not have is gone.
 */
class AdoptionIT {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;
    Processes processes;
    Sandbox sandbox;
    Path kubeconfig;

    @BeforeEach
    void start() {
        processes = new Processes(tmp);
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100)));
        kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Processes.Run kubectl(String... args) throws IOException, InterruptedException {
        return processes.kubectl(kubeconfig, args);
    }

    private Processes.Run paycli(String command, String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(command, "-f", "examples/web", "-e", "beta", "-t", "1.0.0"));
        args.addAll(List.of(extra));
        return processes.paycli(args.toArray(String[]::new));
    }

    @Test
    void deployAdoptsADeploymentMadeByKubectlApply() throws Exception {
        assertThat(kubectl("create", "namespace", NS).exit()).isZero();
        Processes.Run rendered = paycli("render");
        assertThat(rendered.exit()).as(rendered.toString()).isZero();
        String doc = Arrays.stream(rendered.out().split("(?m)^---$")).filter(d -> d.contains("kind: Deployment"))
                .findFirst().orElseThrow();
        KubernetesSerialization serialization = new KubernetesSerialization();
        Deployment deployment = serialization.unmarshal(doc, Deployment.class);
        deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
                .add(new EnvVar("EXTRA", "added by hand", null));
        Path file = tmp.resolve("deployment.json");
        Files.writeString(file, serialization.asJson(deployment));
        Processes.Run applied = kubectl("apply", "-f", file.toString());
        assertThat(applied.exit()).as(applied.toString()).isZero();
        assertThat(applied.out()).contains("deployment.apps/campaign-web created");

        Processes.Run deployed = paycli("deploy", "--kubeconfig", kubeconfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT);

        assertThat(deployed.exit()).as(deployed.toString()).isZero();
        assertThat(deployed.err()).contains("Deployment promotion-beta/campaign-web adopted from kubectl apply:");
        Processes.Run json = kubectl("get", "deploy", "campaign-web", "-n", NS, "-o", "json", "--show-managed-fields");
        assertThat(json.exit()).as(json.toString()).isZero();
        Deployment live = serialization.unmarshal(json.out(), Deployment.class);
        assertThat(live.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .extracting(EnvVar::getName).containsExactly("TZ");
        assertThat(live.getMetadata().getAnnotations() == null ? Map.of() : live.getMetadata().getAnnotations())
                .doesNotContainKey("kubectl.kubernetes.io/last-applied-configuration");
        assertThat(live.getMetadata().getManagedFields()).extracting(m -> m.getManager())
                .contains("paycli").doesNotContain("kubectl-client-side-apply", "before-first-apply");
    }
}
