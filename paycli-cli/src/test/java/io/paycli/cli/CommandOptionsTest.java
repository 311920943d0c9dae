package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each command takes the options it uses and no other: an option a command would ignore is refused. */
class CommandOptionsTest {
    private static final List<String> STANDARD = List.of("-h, --help", "-V, --version", "--verbose");
    private static final List<String> APP = List.of("-f, --file", "-e, --env", "--namespace");
    private static final List<String> RENDER = List.of("-t, --tag", "--set", "--catalog");
    private static final List<String> CLUSTER = List.of("--context", "--kubeconfig");
    private static final List<String> ROLLOUT = List.of("--timeout", "--no-wait", "--no-rollback", "--fail-fast-grace");
    /** Where a command that changes a cluster archives what it did. */
    private static final List<String> SINKS = List.of("--archive", "--archive-remote");

    /** Every command and the options it reads; a new option must be added here on purpose. */
    private static final Map<String, List<String>> EXPECTED = new TreeMap<>(Map.ofEntries(
            Map.entry("paycli", STANDARD),
            Map.entry("paycli help", List.of("-h, --help", "--verbose")),
            Map.entry("paycli init", options(List.of("--catalog", "--type", "--app", "--dir", "--force"))),
            Map.entry("paycli templates", options(List.of())),
            Map.entry("paycli templates list", options(List.of("--catalog", "-o, --output"))),
            Map.entry("paycli templates show", options(List.of("--catalog", "-o, --output"))),
            Map.entry("paycli render", options(APP, RENDER, List.of("-o, --output", "--output-dir"))),
            Map.entry("paycli validate", options(APP, RENDER, List.of("-o, --output", "--strict", "--manifests"))),
            Map.entry("paycli configmap", options(List.of("-o, --output", "--from-file", "--from-literal",
                    "-n, --namespace", "--hash"))),
            Map.entry("paycli diff", options(APP, RENDER, CLUSTER, List.of("-o, --output", "--exit-code"))),
            Map.entry("paycli deploy", options(APP, RENDER, CLUSTER, ROLLOUT, SINKS, List.of("-o, --output",
                    "--create-namespace", "--dry-run", "--strict", "--show-manifests"))),
            Map.entry("paycli status", options(APP, CLUSTER, List.of("-o, --output"))),
            Map.entry("paycli history", options(APP, CLUSTER, List.of("-o, --output"))),
            Map.entry("paycli rollback", options(APP, CLUSTER, ROLLOUT, SINKS, List.of("-o, --output", "--to-revision",
                    "--show-manifests"))),
            Map.entry("paycli promote", options(APP, CLUSTER, SINKS, List.of("-o, --output", "--show-manifests"))),
            Map.entry("paycli abort", options(APP, CLUSTER, SINKS, List.of("-o, --output"))),
            Map.entry("paycli scale", options(APP, CLUSTER, SINKS, List.of("-o, --output", "--min", "--max", "--until",
                    "--reason", "--revert", "--show-manifests"))),
            Map.entry("paycli reconcile", options(CLUSTER, SINKS, List.of("-o, --output", "-n, --namespace",
                    "-A, --all-namespaces", "--dry-run"))),
            Map.entry("paycli restore", options(SINKS, List.of("-o, --output", "--from", "--to-context", "--kubeconfig",
                    "--apps", "--namespace-map", "--parallel", "--dry-run", "--resume"))),
            Map.entry("paycli notify", options(List.of())),
            Map.entry("paycli notify test", options(List.of("-f, --file", "-e, --env"))),
            Map.entry("paycli archive", options(List.of())),
            Map.entry("paycli archive log", options(List.of("--archive", "-o, --output", "--app", "--env",
                    "--cluster", "--since"))),
            Map.entry("paycli archive show", options(List.of("--archive", "--app"))),
            Map.entry("paycli archive diff", options(List.of("--archive"))),
            Map.entry("paycli cluster", options(List.of())),
            Map.entry("paycli cluster capture", options(SINKS, List.of("--context", "--kubeconfig", "--cluster-name",
                    "--system-namespace", "--include", "--exclude", "--dry-run", "-o, --output"))),
            Map.entry("paycli cluster compare", options(List.of("--from", "--to-context", "--kubeconfig",
                    "--namespace-map", "--apps", "--archive", "-o, --output"))),
            Map.entry("paycli rbac", options(APP, List.of("--set", "--catalog", "-o, --output", "--user", "--group",
                    "--service-account", "--create-namespace"))),
            Map.entry("paycli agent", options(List.of())),
            Map.entry("paycli agent serve", options(SINKS, List.of("-c, --config", "--kubeconfig", "--catalog"))),
            Map.entry("paycli agent submit", options(List.of("--agent", "--key-id", "-f, --file", "-e, --env",
                    "-t, --tag", "--dry-run", "--attempts"))),
            Map.entry("paycli agent releases", options(List.of("--agent", "--key-id", "--attempts", "-e, --env",
                    "-o, --output"))),
            Map.entry("paycli agent restore", options(List.of("--agent", "--key-id", "--attempts", "-e, --env",
                    "--dry-run"))),
            Map.entry("paycli agent copy-db", options(List.of("-c, --config", "--to", "--to-password-env",
                    "-o, --output"))),
            Map.entry("paycli sandbox", options(List.of("--port", "--rollout-delay", "--progress-deadline",
                    "--finalizer-delay", "--kubeconfig", "--context", "--token-file"))),
            Map.entry("paycli demo", options(List.of("--catalog", "--env"))),
            Map.entry("paycli train-class-cache", options(List.of()))));

    @TempDir
    Path tmp;

    @SafeVarargs
    private static List<String> options(List<String>... groups) {
        List<String> all = new ArrayList<>(STANDARD);
        for (List<String> group : groups) {
            all.addAll(group);
        }
        return all;
    }

    @Test
    void everyCommandDeclaresExactlyTheOptionsItUses() {
        Map<String, List<String>> actual = new TreeMap<>();
        collect(Main.commandLine(new PaycliCommand()), actual);

        assertThat(actual.keySet()).containsExactlyElementsOf(EXPECTED.keySet());
        EXPECTED.forEach((command, expected) -> assertThat(actual.get(command)).as(command)
                .containsExactlyInAnyOrderElementsOf(expected));
    }

    private static void collect(CommandLine cli, Map<String, List<String>> into) {
        into.put(cli.getCommandSpec().qualifiedName(), cli.getCommandSpec().options().stream()
                .map(OptionSpec::names).map(names -> String.join(", ", names)).toList());
        cli.getSubcommands().values().forEach(sub -> collect(sub, into));
    }

    @Test
    void optionsThatACommandWouldIgnoreAreRefusedAsUnknown() {
        List<List<String>> ignored = List.of(
                List.of("rollback", "-t", "1.0.0"),
                List.of("rollback", "--set", "replicas=3"),
                List.of("rollback", "--catalog", "/tmp"),
                List.of("rollback", "--create-namespace"),
                List.of("status", "-t", "1.0.0"),
                List.of("status", "--set", "replicas=3"),
                List.of("history", "-t", "1.0.0"),
                List.of("history", "--set", "replicas=3"),
                List.of("promote", "-t", "1.0.0"),
                List.of("promote", "--timeout", "5m"),
                List.of("promote", "--catalog", "/tmp"),
                List.of("abort", "-t", "1.0.0"),
                List.of("abort", "--no-rollback"),
                List.of("render", "--kubeconfig", "/tmp/kubeconfig", "-t", "1"),
                List.of("render", "--context", "beta", "-t", "1"),
                List.of("validate", "--context", "beta", "-t", "1"),
                List.of("rbac", "-t", "1.0.0"),
                List.of("rbac", "--kubeconfig", "/tmp/kubeconfig"));
        for (List<String> args : ignored) {
            List<String> all = new ArrayList<>(args);
            all.addAll(List.of("-f", Examples.dir("web").toString(), "-e", "beta"));
            Cli.Result r = Cli.run(all.toArray(String[]::new));
            assertThat(r.exit()).as(args + "\n" + r).isEqualTo(2);
            assertThat(r.err().lines().toList()).as(args.toString()).singleElement().asString()
                    .startsWith("error: Unknown option: '" + args.get(1) + "'")
                    .endsWith("; run 'paycli " + args.get(0) + " --help' for usage");
            assertThat(r.out()).as(args.toString()).isEmpty();
        }
    }

    @Test
    void anUnknownOptionIsOneLineWithPicocliSuggestion() {
        Cli.Result r = Cli.run("rollback", "-t", "1.0.0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("error: Unknown option: '-t' (did you mean --timeout or --to-revision?);"
                + " run 'paycli rollback --help' for usage\n");

        Cli.Result typo = Cli.run("deplyo");
        assertThat(typo.exit()).isEqualTo(2);
        assertThat(typo.err().lines().toList()).singleElement().asString().contains("'deplyo'", "did you mean deploy");
    }

    @Test
    void renderOutputDirWithJsonWritesOneJsonFilePerResource() throws Exception {
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1.0.0",
                "--output-dir", out.toString(), "-o", "json");

        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> written = r.out().lines().toList();
        assertThat(written).isNotEmpty().allSatisfy(name -> assertThat(name).endsWith(".json"));
        for (String file : written) {
            JsonNode json = JsonMapper.shared().readTree(Files.readString(Path.of(file)));
            assertThat(json.get("kind").asString()).isNotBlank();
            assertThat(json.get("metadata").get("labels").get("paycli.io/env").asString()).isEqualTo("beta");
        }

        Cli.Result yaml = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1.0.0",
                "--output-dir", out.toString());
        assertThat(yaml.exit()).as(yaml.toString()).isZero();
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.startsWith(".")))
                    .hasSize(written.size()).allSatisfy(name -> assertThat(name).endsWith(".yaml"));
        }
    }

    @Test
    void manifestCommandsPrintYamlOrJsonAndRefuseText() {
        Cli.Result text = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1", "-o", "text");
        assertThat(text.exit()).as(text.toString()).isEqualTo(2);
        assertThat(text.err()).contains("--output", "text", "yaml, json");

        Cli.Result yaml = Cli.run("render", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1", "-o", "yaml");
        assertThat(yaml.exit()).as(yaml.toString()).isZero();
        assertThat(yaml.out()).startsWith("---").contains("kind: Deployment");
    }

    @Test
    void validateOfAManifestsFileRefusesTheOptionsOfARender() {
        Cli.Result r = Cli.run("validate", "--manifests", tmp.resolve("m.yaml").toString(), "-t", "1.0.0");
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines().findFirst().orElseThrow())
                .isEqualTo("error: --manifests validates the file as it is; -t/--tag does not apply to it;"
                        + " run 'paycli validate --help' for usage");
    }

    @Test
    void aDryRunRefusesTheOptionsOfAWaitAndOfCreatingANamespace() {
        for (String option : List.of("--no-wait", "--no-rollback", "--create-namespace")) {
            Cli.Result r = Cli.run("deploy", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1.0.0",
                    "--dry-run", option);
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElseThrow()).isEqualTo("error: --dry-run changes nothing and"
                    + " waits for nothing; " + option + " does not apply to it; run 'paycli deploy --help' for usage");
        }
        Cli.Result timeout = Cli.run("deploy", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "1.0.0",
                "--dry-run", "--timeout", "10m");
        assertThat(timeout.exit()).as(timeout.toString()).isEqualTo(2);
        assertThat(timeout.err()).startsWith("error: --dry-run changes nothing and waits for nothing; --timeout");
    }

    @Test
    void noWaitRefusesTheGraceOfAWait() {
        for (String command : List.of("deploy", "rollback")) {
            Cli.Result r = Cli.run(command, "-f", Examples.dir("web").toString(), "-e", "beta", "--no-wait",
                    "--fail-fast-grace", "10s", "--kubeconfig", tmp.resolve("none").toString());
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().lines().toList()).containsExactly("error: --no-wait watches no pods; --fail-fast-grace"
                    + " does not apply to it; run 'paycli " + command + " --help' for usage");
        }
    }
}
