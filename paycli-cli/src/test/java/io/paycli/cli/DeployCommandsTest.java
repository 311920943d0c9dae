package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** deploy, status, history, diff and rollback as a user runs them, against a sandbox API server. */
class DeployCommandsTest {
    @TempDir
    Path tmp;
    Sandbox sandbox;
    Path kubeconfig;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)));
        kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Cli.Result run(String command, String tag, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "-f", Examples.dir("web").toString(), "-e", "beta",
                "--kubeconfig", kubeconfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT));
        if (tag != null) {
            args.addAll(List.of("-t", tag));
        }
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static JsonNode json(Cli.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return JsonMapper.shared().readTree(r.out());
    }

    @Test
    void deployStatusHistoryDiffAndRollback() {
        Cli.Result missingNamespace = run("deploy", "1.0.0");
        assertThat(missingNamespace.exit()).as(missingNamespace.toString()).isEqualTo(3);
        assertThat(missingNamespace.err()).contains("namespace promotion-beta does not exist", "--create-namespace");

        JsonNode first = json(run("deploy", "1.0.0", "--create-namespace", "-o", "json"));
        assertThat(first.get("release").get("revision").asInt()).isEqualTo(1);
        assertThat(first.get("release").get("result").asString()).isEqualTo("succeeded");

        Cli.Result text = run("deploy", "1.1.0");
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.out()).startsWith("campaign-web 1.1.0 deployed to beta (promotion-beta) as revision 2");
        assertThat(text.err()).contains("==> apply", "Deployment promotion-beta/campaign-web applied", "==> wait");

        JsonNode status = json(run("status", null, "-o", "json"));
        assertThat(status.get("healthy").asBoolean()).isTrue();
        assertThat(status.get("current").get("tag").asString()).isEqualTo("1.1.0");

        assertThat(run("diff", "1.1.0", "--exit-code").exit()).isZero();
        Cli.Result diff = run("diff", "1.2.0", "--exit-code");
        assertThat(diff.exit()).isEqualTo(7);
        assertThat(diff.out()).contains("+++ rendered/Deployment promotion-beta/campaign-web", "+        image: registry.example.com/pay/campaign-web:1.2.0");

        Cli.Result failed = run("deploy", "1.2.0-fail", "--timeout", "30s", "-o", "json");
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(5);
        assertThat(failed.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement()
                .satisfies(l -> assertThat(l).contains("rolled back to revision 2 (1.1.0)"));
        // CI reads the outcome from stdout whatever it is.
        JsonNode outcome = JsonMapper.shared().readTree(failed.out());
        assertThat(outcome.get("release").get("revision").asInt()).isEqualTo(3);
        assertThat(outcome.get("release").get("result").asString()).isEqualTo("rolled_back");
        assertThat(outcome.get("exitCode").asInt()).isEqualTo(5);
        assertThat(outcome.get("error").asString()).contains("rolled back to revision 2 (1.1.0)");

        Cli.Result history = run("history", null);
        assertThat(history.out()).contains("REVISION", "rolled back", "1.2.0-fail", "succeeded");

        JsonNode rolledBack = json(run("rollback", null, "--to-revision", "1", "-o", "json"));
        assertThat(rolledBack.get("release").get("revision").asInt()).isEqualTo(4);
        assertThat(rolledBack.get("release").get("tag").asString()).isEqualTo("1.0.0");
        assertThat(json(run("history", null, "-o", "json"))).hasSize(4);
    }

    @Test
    void statusHistoryAndDiffNameTheContextFirstOnStderrAsDeployDoes() {
        Cli.Result deployed = run("deploy", "1.0.0", "--create-namespace");
        assertThat(deployed.exit()).as(deployed.toString()).isZero();
        String target = "==> target: campaign-web (beta) in namespace promotion-beta, context " + Sandbox.DEFAULT_CONTEXT;
        assertThat(deployed.err().lines().findFirst().orElseThrow()).isEqualTo(target);

        Cli.Result status = run("status", null);
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.err().lines().toList()).containsExactly(target);
        assertThat(status.out()).startsWith("campaign-web (beta) in promotion-beta: revision 1");

        Cli.Result history = run("history", null);
        assertThat(history.exit()).as(history.toString()).isZero();
        assertThat(history.err().lines().toList()).containsExactly(target);
        assertThat(history.out()).startsWith("REVISION");

        Cli.Result diff = run("diff", "1.1.0");
        assertThat(diff.exit()).as(diff.toString()).isZero();
        assertThat(diff.err().lines().toList()).containsExactly(target);
        assertThat(diff.out()).startsWith("--- live/");

        Cli.Result same = run("diff", "1.0.0");
        assertThat(same.err().lines().toList()).containsExactly(target, "no changes");

        for (String command : List.of("status", "history", "diff")) {
            Cli.Result json = run(command, command.equals("diff") ? "1.1.0" : null, "-o", "json");
            assertThat(json.exit()).as(json.toString()).isZero();
            assertThat(json.err()).as(command).isEmpty();
            JsonMapper.shared().readTree(json.out());
        }
    }

    @Test
    void withoutAContextTheFirstLineNamesTheKubeconfigsCurrentContext() {
        Path app = Examples.copy("web", tmp.resolve("web"));
        Examples.replaceIn(app.resolve("paycli.yaml"), "    context: beta-cluster\n", "");
        Cli.Result r = Cli.run("history", "-f", app.toString(), "-e", "beta",
                "--kubeconfig", kubeconfig.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err().lines().findFirst().orElseThrow()).isEqualTo("==> target: campaign-web (beta) in namespace"
                + " promotion-beta, context " + Sandbox.DEFAULT_CONTEXT + " (the kubeconfig's current context)");
    }

    @Test
    void statusOfAReleaseThatIsNotHealthyExitsFiveAndNamesADeployInProgress() {
        Cli.Result deployed = run("deploy", "1.0.0", "--create-namespace");
        assertThat(deployed.exit()).as(deployed.toString()).isZero();
        try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                io.fabric8.kubernetes.client.Config.fromKubeconfig(kubeconfig.toFile())).build()) {
            client.leases().inNamespace("promotion-beta").resource(new io.fabric8.kubernetes.api.model.coordination.v1
                    .LeaseBuilder().withNewMetadata().withName("paycli-lock-campaign-web").endMetadata()
                    .withNewSpec().withHolderIdentity("ci@runner-7 pid 42 run 9f").withLeaseDurationSeconds(30)
                    .endSpec().build()).create();
            Cli.Result busy = run("status", null);
            assertThat(busy.exit()).as(busy.toString()).isZero();
            assertThat(busy.out()).contains("a deploy is in progress: ci@runner-7 pid 42 run 9f holds the lock");
            assertThat(json(run("status", null, "-o", "json")).get("lockHolder").asString())
                    .isEqualTo("ci@runner-7 pid 42 run 9f");

            client.apps().deployments().inNamespace("promotion-beta").withName("campaign-web").delete();
        }
        Cli.Result broken = run("status", null);
        assertThat(broken.exit()).as(broken.toString()).isEqualTo(5);
        assertThat(broken.out()).contains("NOT healthy", "Deployment promotion-beta/campaign-web", "missing");
        Cli.Result brokenJson = run("status", null, "-o", "json");
        assertThat(brokenJson.exit()).isEqualTo(5);
        assertThat(brokenJson.out()).contains("\"healthy\" : false");
    }

    @Test
    void deployShowsThePolicyWarningsOfValidateAndStrictMakesThemErrors() {
        Cli.Result latest = run("deploy", "latest", "--create-namespace");
        assertThat(latest.exit()).as(latest.toString()).isZero();
        assertThat(latest.err()).contains("warning: ", ":latest");

        Cli.Result strict = run("deploy", "latest", "--strict");
        assertThat(strict.exit()).as(strict.toString()).isEqualTo(3);
        assertThat(strict.err()).contains(":latest").doesNotContain("==> lock");
    }

    @Test
    void aTimeoutTooShortToSeeARolloutIsAUsageError() {
        for (String timeout : List.of("0s", "1ms", "4s")) {
            Cli.Result r = run("deploy", "1.0.0", "--timeout", timeout);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).contains("--timeout " + timeout + " is too short", "at least 5s");
        }
        Cli.Result rollback = run("rollback", null, "--timeout", "1ms");
        assertThat(rollback.exit()).as(rollback.toString()).isEqualTo(2);
    }

    @Test
    void anUnreachableClusterExitsFourNamingTheContextAndServer() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path dead = tmp.resolve("dead-kubeconfig");
        Files.writeString(dead, Files.readString(kubeconfig).replace(sandbox.url(), "http://127.0.0.1:" + port));
        Cli.Result r = Cli.run("status", "-f", Examples.dir("web").toString(), "-e", "beta",
                "--kubeconfig", dead.toString(), "--context", Sandbox.DEFAULT_CONTEXT);
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains(Sandbox.DEFAULT_CONTEXT, "127.0.0.1:" + port).doesNotContain("Exception");
    }

    @Test
    void statusHistoryAndRollbackTakeNoTemplateCatalog() {
        assertThat(run("deploy", "1.0.0", "--create-namespace").exit()).isZero();
        String unreachable = tmp.resolve("no-such-catalog.git").toUri() + "#v1";
        for (String command : List.of("status", "history", "rollback")) {
            Cli.Result r = run(command, null, "--catalog", unreachable);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: Unknown option").contains("'--catalog'");
        }
        Cli.Result status = run("status", null);
        assertThat(status.exit()).as(status.toString()).isZero();
        assertThat(status.out()).contains("revision 1");
        Cli.Result deploy = run("deploy", "1.1.0", "--catalog", unreachable);
        assertThat(deploy.exit()).isEqualTo(3);
        assertThat(deploy.err()).contains("no-such-catalog.git", "unreachable");
    }

    @Test
    void anUnknownContextExitsFour() {
        Cli.Result r = Cli.run("status", "-f", Examples.dir("web").toString(), "-e", "beta",
                "--kubeconfig", kubeconfig.toString(), "--context", "nope");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(r.err()).contains("'nope'", Sandbox.DEFAULT_CONTEXT);
    }

    @Test
    void aForbiddenVerbExitsFourNamingTheVerbAndResource() {
        assertThat(run("deploy", "1.0.0", "--create-namespace").exit()).isZero();
        sandbox.faults().forbid("patch", "deployments", null);
        Cli.Result r = run("deploy", "1.1.0");
        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        String error = r.err().lines().filter(l -> l.startsWith("error: ")).findFirst().orElseThrow();
        assertThat(error).containsIgnoringCase("forbidden").contains("Deployment", "campaign-web");
    }

    @Test
    void showManifestsPrintsTheYamlBeforeTheResultOnStdoutOrOnStderrWithJsonAndOnlyWhenAsked() {
        Cli.Result text = run("deploy", "1.0.0", "--create-namespace", "--show-manifests");
        assertThat(text.exit()).as(text.toString()).isZero();
        List<String> lines = text.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("# campaign-web 1.0.0 to beta (promotion-beta): deployed 1.0.0");
        assertThat(lines).contains("kind: Deployment", "kind: Service", "kind: ConfigMap");
        assertThat(lines.get(lines.size() - 1)).startsWith("campaign-web 1.0.0 deployed to beta (promotion-beta) as"
                + " revision 1");
        assertThat(text.err()).doesNotContain("kind: Deployment");

        Cli.Result structured = run("deploy", "1.1.0", "--show-manifests", "-o", "json");
        assertThat(json(structured).get("release").get("tag").asString()).isEqualTo("1.1.0");
        assertThat(structured.err()).contains("# campaign-web 1.1.0 to beta (promotion-beta)", "kind: Deployment");

        Cli.Result off = run("deploy", "1.2.0");
        assertThat(off.out()).doesNotContain("kind: Deployment");
        assertThat(off.err()).doesNotContain("kind: Deployment");
    }
}
