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

/** promote, abort, status and history of a blue-green environment as a user runs them, against a sandbox. */
class BlueGreenCommandsTest {
    @TempDir
    Path tmp;
    Sandbox sandbox;
    Path kubeconfig;
    Path app;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)));
        kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
        app = Examples.copy("web", tmp.resolve("web"));
        Examples.replaceIn(app.resolve("paycli.yaml"), "    namespace: promotion-beta\n",
                "    namespace: promotion-beta\n    strategy: blue-green\n"
                        + "    blueGreen: {autoPromote: false, scaleDownDelay: 10m}\n");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Cli.Result run(String command, String tag, String... extra) {
        List<String> args = new ArrayList<>(List.of(command, "-f", app.toString(), "-e", "beta",
                "--kubeconfig", kubeconfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT));
        if (tag != null) {
            args.addAll(List.of("-t", tag));
        }
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    private static Cli.Result ok(Cli.Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private static JsonNode json(Cli.Result r) {
        return JsonMapper.shared().readTree(ok(r).out());
    }

    private static void refused(Cli.Result r) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(3);
        assertThat(r.err().lines().filter(l -> l.startsWith("error: ")).toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).as(r.toString()).doesNotContain("Exception");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aPreviewIsPromotedOrAbortedAndStatusAndHistoryShowTheColours() {
        ok(run("deploy", "1.0.0", "--create-namespace"));
        refused(run("promote", null));
        refused(run("abort", null));

        ok(run("deploy", "1.1.0"));
        JsonNode preview = json(run("status", null, "-o", "json"));
        assertThat(preview.get("current").get("blueGreen").get("phase").asString()).isEqualTo("preview");
        assertThat(preview.get("colours")).hasSize(2);
        assertThat(ok(run("status", null)).out()).contains("colours:", "on preview: 'paycli promote'");

        Cli.Result promote = ok(run("promote", null));
        assertThat(promote.out().lines().toList()).hasSize(2);
        assertThat(promote.out()).startsWith("campaign-web 1.1.0 promoted in beta (promotion-beta) as revision 3")
                .contains("blue (1.0.0) stays up until ");
        refused(run("promote", null));
        Cli.Result status = ok(run("status", null));
        assertThat(status.out().lines().filter(l -> l.startsWith("  green ")).toList()).singleElement().asString()
                .contains("Deployment campaign-web-green", "1.1.0", "live");
        assertThat(status.out().lines().filter(l -> l.startsWith("  blue ")).toList()).singleElement().asString()
                .contains("Deployment campaign-web-blue", "1.0.0", "scaled to 0 at ");

        ok(run("deploy", "1.2.0"));
        JsonNode abort = json(run("abort", null, "-o", "json"));
        assertThat(abort.get("release").get("blueGreen").get("phase").asString()).isEqualTo("aborted");
        assertThat(abort.get("release").get("blueGreen").get("live").asString()).isEqualTo("green");
        refused(run("abort", null));

        List<String> history = ok(run("history", null)).out().lines().toList();
        assertThat(history.get(0).split("\\s+")).contains("PHASE", "LIVE");
        assertThat(history).anyMatch(l -> l.contains(" aborted ")).anyMatch(l -> l.contains(" promoted "))
                .anyMatch(l -> l.contains(" preview "));
        JsonNode records = json(run("history", null, "-o", "json"));
        assertThat(records.get(0).get("blueGreen").get("phase").asString()).isEqualTo("aborted");
    }

    @Test
    void promoteAndAbortOfARollingEnvironmentAreRefused() {
        Examples.replaceIn(app.resolve("paycli.yaml"), "    strategy: blue-green\n"
                + "    blueGreen: {autoPromote: false, scaleDownDelay: 10m}\n", "");
        ok(run("deploy", "1.0.0", "--create-namespace"));
        refused(run("promote", null));
        refused(run("abort", null));
    }
}
