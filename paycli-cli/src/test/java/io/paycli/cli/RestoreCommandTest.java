package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
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

/** paycli restore as a user runs it: from the archive of one sandbox into another. */
class RestoreCommandTest {
    @TempDir
    Path tmp;
    Sandbox source;
    Sandbox target;
    Path sourceConfig;
    Path targetConfig;
    Path archive;

    @BeforeEach
    void start() {
        SandboxSettings settings = SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2));
        source = Sandbox.start(0, settings);
        target = Sandbox.start(0, settings);
        sourceConfig = source.writeKubeconfig(tmp.resolve("source"), Sandbox.DEFAULT_CONTEXT);
        targetConfig = target.writeKubeconfig(tmp.resolve("target"), "rebuilt");
        archive = tmp.resolve("archive");
    }

    @AfterEach
    void stop() {
        source.close();
        target.close();
    }

    private void deploy(String example, String tag) {
        Cli.Result r = Cli.run("deploy", "-f", Examples.dir(example).toString(), "-e", "beta", "--kubeconfig",
                sourceConfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT, "-t", tag, "--create-namespace",
                "--archive", archive.toString());
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    private Cli.Result restore(String... extra) {
        List<String> args = new ArrayList<>(List.of("restore", "--from", Sandbox.DEFAULT_CONTEXT, "--to-context",
                "rebuilt", "--kubeconfig", targetConfig.toString(), "--archive", archive.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void restoresIntoTheTargetPrintsTheTableAndASecondRunIsUnchanged() {
        deploy("web", "1.0.0");
        deploy("worker", "2.0.0");

        Cli.Result first = restore();

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.err()).contains("==> target: restore 2 apps of " + Sandbox.DEFAULT_CONTEXT
                + " from archive commit ").contains("    promotion-beta/campaign-web: restored",
                "    points-beta/points-worker: restored");
        List<String> lines = first.out().lines().toList();
        assertThat(lines.get(0)).matches("APP +NAMESPACE +VERSION +DURATION +RESULT");
        assertThat(lines.get(1)).as("by namespace, then app")
                .matches("points-worker +points-beta +2\\.0\\.0 +\\d+\\.\\ds +restored");
        assertThat(lines.get(2)).matches("campaign-web +promotion-beta +1\\.0\\.0 +\\d+\\.\\ds +restored");
        assertThat(first.out()).contains("restored 2, unchanged 0, failed 0, skipped 0 of 2 apps of "
                + Sandbox.DEFAULT_CONTEXT);

        target.writes().reset();
        Cli.Result second = restore("-o", "json");

        assertThat(second.exit()).as(second.toString()).isZero();
        JsonNode json = JsonMapper.shared().readTree(second.out());
        assertThat(json.get("exitCode").asInt()).isZero();
        assertThat(json.get("apps").size()).isEqualTo(2);
        json.get("apps").forEach(a -> assertThat(a.get("result").asString()).isEqualTo("unchanged"));
        assertThat(target.writes().count()).as("%s", target.writes().byRoute()).isZero();

        Cli.Result history = Cli.run("history", "-f", Examples.dir("web").toString(), "-e", "beta", "--kubeconfig",
                targetConfig.toString(), "--context", "rebuilt", "-o", "json");
        assertThat(history.exit()).as(history.toString()).isZero();
        assertThat(history.out()).contains("restored 1.0.0 from " + Sandbox.DEFAULT_CONTEXT + " revision 1");
    }

    @Test
    void badInputIsOneLine() {
        Cli.Result parallel = restore("--parallel", "0");
        assertThat(parallel.exit()).as(parallel.toString()).isEqualTo(2);
        assertThat(parallel.err()).contains("--parallel 0: restore at least 1 app at a time");

        deploy("web", "1.0.0");
        Cli.Result unknown = Cli.run("restore", "--from", "prod-sg", "--to-context", "rebuilt", "--kubeconfig",
                targetConfig.toString(), "--archive", archive.toString());
        assertThat(unknown.exit()).as(unknown.toString()).isEqualTo(3);
        assertThat(unknown.err().lines().toList()).singleElement().asString()
                .contains("holds no app of cluster prod-sg");
    }

    @Test
    void anAppThatFailsIsInTheTableAndTheExitCodeIsFive() throws Exception {
        deploy("web", "1.0.0");
        deploy("worker", "2.0.0");
        // Someone else's deploy of the worker holds its lock in the target: that app fails, the other is restored.
        try (var client = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(io.fabric8.kubernetes.client.Config.empty())
                        .withMasterUrl(target.url()).build()).build()) {
            client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                    .withName("points-beta").endMetadata().build()).create();
            client.resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                    .withApiVersion("coordination.k8s.io/v1").withKind("Lease").withNewMetadata()
                    .withName("paycli-lock-points-worker").withNamespace("points-beta").endMetadata()
                    .addToAdditionalProperties("spec", java.util.Map.of("holderIdentity", "bob@laptop pid 7 run 1",
                            "leaseDurationSeconds", 600, "renewTime", java.time.format.DateTimeFormatter.ISO_INSTANT
                                    .format(java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS))))
                    .build()).create();
        }

        Cli.Result r = restore();

        assertThat(r.exit()).as(r.toString()).isEqualTo(5);
        assertThat(r.out()).containsPattern("campaign-web +promotion-beta +1\\.0\\.0 +\\S+ +restored")
                .containsPattern("points-worker +points-beta +2\\.0\\.0 +\\S+ +failed: .*bob@laptop pid 7.*--resume")
                .contains("restored 1, unchanged 0, failed 1, skipped 0 of 2 apps");
        assertThat(r.err()).contains("    points-beta/points-worker: failed: ");
    }
}
