package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/paycli on the shaded jar: options a command does not use are refused, 'paycli help' works, and the commands
 * that read a cluster name the namespace and context first, as a user sees them.
 */
class CommandOptionsIT {
    private static final String TARGET = "==> target: campaign-web (beta) in namespace promotion-beta, context "
            + Sandbox.DEFAULT_CONTEXT + " (the kubeconfig's current context)";

    @TempDir
    Path tmp;
    Processes processes;
    Sandbox sandbox;

    @BeforeEach
    void start() {
        processes = new Processes(tmp);
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100)));
        Path kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
        processes.env("KUBECONFIG", kubeconfig.toString());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void anOptionThatTheCommandWouldIgnoreIsRefused() throws Exception {
        Processes.Run rollback = processes.paycli("rollback", "-f", "examples/web", "-e", "beta", "-t", "1.0.0");
        assertThat(rollback.exit()).as(rollback.toString()).isEqualTo(2);
        assertThat(rollback.err()).startsWith("error: Unknown option").contains("'-t'").doesNotContain("\tat ");

        Processes.Run render = processes.paycli("render", "-f", "examples/web", "-e", "beta", "-t", "1.0.0",
                "--context", "beta-cluster");
        assertThat(render.exit()).as(render.toString()).isEqualTo(2);
        assertThat(render.err()).startsWith("error: Unknown option").contains("'--context'");
        assertThat(render.out()).isEmpty();
    }

    @Test
    void helpIsACommand() throws Exception {
        Processes.Run top = processes.paycli("help");
        assertThat(top.exit()).as(top.toString()).isZero();
        assertThat(top.out()).startsWith("Usage: paycli ").contains("rollback", "Exit codes:");

        Processes.Run rollback = processes.paycli("help", "rollback");
        assertThat(rollback.exit()).as(rollback.toString()).isZero();
        assertThat(rollback.out()).contains("Usage: paycli rollback", "--to-revision", "~/.kube/config")
                .doesNotContain("--tag", "--catalog");
    }

    @Test
    void statusHistoryAndDiffNameTheNamespaceAndContextFirst() throws Exception {
        Path app = processes.example("web");
        Examples.replaceIn(app.resolve("paycli.yaml"), "    context: beta-cluster\n", "");
        String file = app.toString();
        Processes.Run deploy = processes.paycli("deploy", "-f", file, "-e", "beta", "-t", "1.0.0", "--create-namespace");
        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        assertThat(deploy.err().lines().findFirst().orElseThrow()).isEqualTo(TARGET);

        Processes.Run status = processes.paycli("status", "-f", file, "-e", "beta");
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.err().lines().toList()).containsExactly(TARGET);
        assertThat(status.out()).startsWith("campaign-web (beta) in promotion-beta: revision 1, 1.0.0");

        Processes.Run history = processes.paycli("history", "-f", file, "-e", "beta");
        assertThat(history.exit()).as(history.toString()).isZero();
        assertThat(history.err().lines().toList()).containsExactly(TARGET);
        assertThat(history.out()).startsWith("REVISION");

        Processes.Run diff = processes.paycli("diff", "-f", file, "-e", "beta", "-t", "1.1.0");
        assertThat(diff.exit()).as(diff.toString()).isZero();
        assertThat(diff.err().lines().toList()).containsExactly(TARGET);
        assertThat(diff.out()).startsWith("--- live/").contains("+        image: registry.example.com/pay/campaign-web:1.1.0");

        Processes.Run json = processes.paycli("status", "-f", file, "-e", "beta", "-o", "json");
        assertThat(json.exit()).as(json.toString()).isZero();
        assertThat(json.err()).isEmpty();
        assertThat(json.out()).startsWith("{");
    }
}
