package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/paycli against a sandbox whose ingress controller holds deleted Ingresses for a while: the rollback of a
 * release that dropped the Ingress must create it again once the old one is gone, as kubectl then shows.
 */
class FinalizersIT {
    private static final String NS = "promotion-beta";

    @TempDir
    Path tmp;

    @Test
    void aRollbackRecreatesAnIngressThatWasStillTerminating() throws Exception {
        Processes processes = new Processes(tmp);
        SandboxSettings settings = SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)).withFinalizerDelay(Duration.ofSeconds(4));
        try (Sandbox sandbox = Sandbox.start(0, settings)) {
            Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"));
            assertThat(processes.kubectl(kubeconfig, "create", "namespace", NS).exit()).isZero();
            Processes.Run first = processes.paycli(deploy(kubeconfig, "1.0.0"));
            assertThat(first.exit()).as(first.toString()).isZero();

            Processes.Run failed = processes.paycli(deploy(kubeconfig, "2.0.0-fail", "--set", "ingress.enabled=false"));

            assertThat(failed.exit()).as(failed.toString()).isEqualTo(5);
            assertThat(failed.err()).contains("Ingress promotion-beta/campaign-web is still being deleted",
                    "rolled back to revision 1");
            Processes.Run ingress = processes.kubectl(kubeconfig, "get", "ingress", "campaign-web", "-n", NS, "-o",
                    "jsonpath={.spec.rules[0].host} {.metadata.deletionTimestamp}");
            assertThat(ingress.exit()).as(ingress.toString()).isZero();
            assertThat(ingress.out().trim()).isEqualTo("campaign.beta.example.com");
        }
    }

    private static String[] deploy(Path kubeconfig, String tag, String... more) {
        List<String> args = new ArrayList<>(List.of("deploy", "-f", "examples/web", "-e", "beta", "-t", tag,
                "--context", Sandbox.DEFAULT_CONTEXT, "--kubeconfig", kubeconfig.toString()));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }
}
