package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What paycli refuses before it touches a cluster, as bin/paycli on the shipped jar: a user's mistakes, options a
 * command does not use, keys that cannot work, and what the API server would reject. Each refusal is
 * one line on stderr with the documented exit code, never an internal error or a stack trace.
 */
class RefusalsIT {
    @TempDir
    Path tmp;
    Processes processes;
    Path app;

    @BeforeEach
    void setUp() {
        processes = new Processes(tmp);
        app = processes.example("web");
    }

    @Test
    void directoriesThatDoNotExistAreNamedWithExitThree() throws Exception {
        Path missing = tmp.resolve("missing");

        Processes.Run init = processes.paycli("init", "--type", "web", "--app", "shop", "--dir",
                missing.resolve("shop").toString());
        assertRefused(init, 3, "--dir " + missing.resolve("shop") + ": " + missing + " does not exist");
        assertThat(missing).doesNotExist();

        Processes.Run sandbox = processes.paycli("sandbox", "--port", "0", "--kubeconfig",
                missing.resolve("sandbox.kubeconfig").toString());
        assertRefused(sandbox, 3, "--kubeconfig " + missing.resolve("sandbox.kubeconfig") + ": " + missing
                + " does not exist");
    }

    @Test
    void aMissingKubeconfigIsNamedWithExitFour() throws Exception {
        Processes.Run named = processes.paycli("deploy", "-f", app.toString(), "-e", "beta", "-t", "1.0.0",
                "--kubeconfig", tmp.resolve("missing/config").toString());
        assertRefused(named, 4, tmp.resolve("missing/config").toString());

        // No --kubeconfig, no $KUBECONFIG and no ~/.kube/config: a new user's first cluster command, for an app
        // that pins no context.
        Path shop = tmp.resolve("shop");
        Processes.Run init = processes.paycli("init", "--type", "web", "--app", "shop", "--dir", shop.toString());
        assertThat(init.exit()).as(init.toString()).isZero();
        for (List<String> command : List.of(List.of("status"), List.of("deploy", "-t", "1.0.0"))) {
            List<String> args = new ArrayList<>(command);
            args.addAll(List.of("-f", shop.toString(), "-e", "beta"));
            Processes.Run none = processes.paycli(args.toArray(String[]::new));
            assertRefused(none, 4, "no kubeconfig at " + tmp.resolve(".kube/config"));
        }
    }

    @Test
    void timeoutsTooShortToSeeARolloutAreUsageErrors() throws Exception {
        for (String timeout : List.of("0s", "1ms")) {
            Processes.Run r = processes.paycli("deploy", "-f", app.toString(), "-e", "beta", "-t", "1.0.0",
                    "--timeout", timeout);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElse("")).as(r.toString())
                    .contains("--timeout " + timeout + " is too short");
        }
    }

    @Test
    void notifyTargetsThatCannotWorkAreRefusedAtTheirLine() throws Exception {
        Path config = app.resolve("paycli.yaml");
        Files.writeString(config, Files.readString(config) + "notify:\n  - {type: slack}\n");
        Processes.Run notify = processes.paycli("render", "-f", app.toString(), "-e", "beta", "-t", "1.0.0");
        assertRefused(notify, 3, "paycli.yaml:27: notify[0]: url or urlEnv is required");
    }

    @Test
    void blueGreenSettingsThatCannotWorkAreRefusedAtTheirLine() throws Exception {
        Path config = app.resolve("paycli.yaml");
        String original = Files.readString(config);
        String[] release = {"render", "-f", app.toString(), "-e", "release", "-t", "1.0.0"};

        Files.writeString(config, original.replace("    namespace: promotion\n",
                "    namespace: promotion\n    blueGreen: {autoPromote: false}\n"));
        assertRefused(processes.paycli(release), 3, "paycli.yaml:22: environments.release.blueGreen: only used"
                + " with strategy: blue-green; set that, or remove blueGreen");

        Files.writeString(config, original.replace("    namespace: promotion\n", "    namespace: promotion\n"
                + "    strategy: blue-green\n    blueGreen:\n      scaleDownDelay: 10 minutes\n"));
        assertRefused(processes.paycli(release), 3, "paycli.yaml:24: environments.release.blueGreen.scaleDownDelay:",
                "\"10 minutes\"");

        Files.writeString(config, original.replace("    namespace: promotion\n", "    namespace: promotion\n"
                + "    strategy: blue-green\n    blueGreen:\n      smoke: {image: curlimages/curl:8.11.1}\n"));
        assertRefused(processes.paycli(release), 3, "paycli.yaml:24: environments.release.blueGreen.smoke.command:",
                "required");

        Files.writeString(config, original.replace("    namespace: promotion\n",
                "    namespace: promotion\n    strategy: blue-green\n"));
        Processes.Run render = processes.paycli(release);
        assertThat(render.exit()).as(render.toString()).isZero();
        assertThat(render.out()).contains("kind: Deployment\n", "  name: campaign-web\n");
    }

    @Test
    void whatTheApiServerWouldRejectIsRefusedFirst() throws Exception {
        Processes.Run hpa = processes.paycli("render", "-f", app.toString(), "-e", "release", "-t", "1.0.0",
                "--set", "hpa.max=1");
        assertRefused(hpa, 3, "--set hpa.max=1", "less than hpa.min 2");

        Processes.Run rendered = processes.paycli("render", "-f", app.toString(), "-e", "beta", "-t", "1.0.0");
        String mismatched = rendered.out().replace("      labels:\n        app.kubernetes.io/instance: campaign-web",
                "      labels:\n        app.kubernetes.io/instance: someone-else");
        assertThat(mismatched).isNotEqualTo(rendered.out());
        Path manifests = Files.writeString(tmp.resolve("manifests.yaml"), mismatched);
        Processes.Run selector = processes.paycli("validate", "--manifests", manifests.toString());
        assertThat(selector.exit()).as(selector.toString()).isEqualTo(3);
        assertThat(selector.out()).contains("Deployment/campaign-web", "selector does not match template labels");
    }

    @Test
    void commandsRefuseOptionsTheyDoNotUse() throws Exception {
        String[] where = {"-f", app.toString(), "-e", "beta"};
        List<List<String>> unused = List.of(
                List.of("rollback", "-t", "1.0.0"),
                List.of("rollback", "--set", "replicas=2"),
                List.of("status", "-t", "1.0.0"),
                List.of("history", "--set", "replicas=2"),
                List.of("promote", "-t", "1.0.0"),
                List.of("abort", "--timeout", "1m"),
                List.of("render", "-t", "1.0.0", "--context", "prod"),
                List.of("render", "-t", "1.0.0", "--kubeconfig", "k"),
                List.of("render", "-t", "1.0.0", "-o", "text"));
        SoftAssertions soft = new SoftAssertions();
        for (List<String> args : unused) {
            String[] all = Stream.concat(args.stream(), Arrays.stream(where)).toArray(String[]::new);
            Processes.Run r = processes.paycli(all);
            soft.assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isEqualTo(2);
        }
        soft.assertAll();
    }

    @Test
    void helpIsACommandToo() throws Exception {
        Processes.Run help = processes.paycli("help");
        assertThat(help.exit()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: paycli", "deploy", "rollback");

        Processes.Run deployHelp = processes.paycli("help", "deploy");
        assertThat(deployHelp.exit()).as(deployHelp.toString()).isZero();
        assertThat(deployHelp.out()).contains("Usage: paycli deploy", "--timeout");
    }

    @Test
    void aCatalogDirectoryThatHoldsNoTemplatesIsNamed() throws Exception {
        // What /tmp holds: other programs' directories, with binary files in them.
        Path notACatalog = Files.createDirectories(tmp.resolve("scratch"));
        Files.write(Files.createDirectories(notACatalog.resolve("crash-42")).resolve("core.dump"),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2});
        processes.env("PAYCLI_CATALOG", notACatalog.toString());

        Processes.Run r = processes.paycli("templates", "list");

        assertRefused(r, 3, notACatalog.toString());
        assertThat(r.err()).doesNotContain("Input length");
    }

    /** One error line on stderr with these parts, this exit code, and no stack trace. */
    private static void assertRefused(Processes.Run run, int exit, String... parts) {
        assertThat(run.exit()).as(run.toString()).isEqualTo(exit);
        assertThat(run.err().lines().filter(l -> l.startsWith("error:")).toList()).as(run.toString())
                .singleElement().asString().contains(parts);
        assertThat(run.err()).as(run.toString()).doesNotContain("Exception", "\tat ");
    }
}
