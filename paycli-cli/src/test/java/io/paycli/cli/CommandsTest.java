package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.render.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class CommandsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path tmp;

    private static Cli.Result ok(String... args) {
        Cli.Result r = Cli.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    @Test
    void templatesListInEveryFormat() {
        assertThat(ok("templates", "list").out()).contains("TYPE", "agent", "batch", "spring-boot-api", "web", "worker", "1.0.0");
        JsonNode json = JSON.readTree(ok("templates", "list", "-o", "json").out());
        assertThat(json.findValuesAsString("name")).containsExactly("agent", "batch", "spring-boot-api", "web", "worker");
        assertThat(ok("templates", "list", "-o", "yaml").out()).contains("- name: batch", "commit: builtin-");
    }

    @Test
    void templatesShowListsValuesAndDefaults() {
        String out = ok("templates", "show", "web").out();
        assertThat(out).contains("web 1.0.0", "hpa.enabled", "ingress.host", "probes.readiness.path", "defaults:", "replicas: 2");
        JsonNode json = JSON.readTree(ok("templates", "show", "batch", "-o", "json").out());
        assertThat(json.get("files").get(0).asString()).isEqualTo("cronjob.yaml.peb");
        assertThat(json.get("values").findValuesAsString("path")).contains("schedule", "resources.limits.memory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"spring-boot-api", "web", "worker", "batch"})
    void initScaffoldsAProjectThatRendersAndPassesStrictValidation(String type) throws IOException {
        Path dir = tmp.resolve(type);
        ok("init", "--type", type, "--app", "my-app", "--dir", dir.toString());
        assertThat(dir.resolve("paycli.yaml")).exists();
        for (String env : new String[] {"beta", "release"}) {
            ok("render", "-f", dir.toString(), "-e", env, "-t", "1.0.0");
            ok("validate", "-f", dir.toString(), "-e", env, "-t", "1.0.0", "--strict");
        }
        Cli.Result again = Cli.run("init", "--type", type, "--app", "my-app", "--dir", dir.toString());
        assertThat(again.exit()).isEqualTo(3);
        assertThat(again.err()).contains("already exists; pass --force");
        ok("init", "--type", type, "--app", "my-app", "--dir", dir.toString(), "--force");
    }

    @Test
    void initRefusesABadNameOrType() {
        Cli.Result badName = Cli.run("init", "--type", "web", "--app", "My_App", "--dir", tmp.toString());
        assertThat(badName.exit()).isEqualTo(3);
        assertThat(badName.err()).contains("--app 'My_App' is not a valid name");
        Cli.Result badType = Cli.run("init", "--type", "wbe", "--app", "x", "--dir", tmp.toString());
        assertThat(badType.exit()).isEqualTo(3);
        assertThat(badType.err()).contains("did you mean 'web'?");
        Cli.Result agent = Cli.run("init", "--type", "agent", "--app", "paycli-agent", "--dir", tmp.toString());
        assertThat(agent.exit()).isEqualTo(3);
        assertThat(agent.err()).contains("--type agent: start from examples/agent");
        assertThat(tmp.resolve("paycli.yaml")).doesNotExist();
    }

    @Test
    void everyExampleAndEnvironmentPassesStrictValidation() {
        for (String type : Examples.TYPES) {
            for (String env : Examples.ENVS) {
                Cli.Result r = ok("validate", "-f", Examples.dir(type).toString(), "-e", env, "-t", "1.0.0", "--strict");
                assertThat(r.out()).contains("0 errors, 0 warnings");
            }
        }
    }

    @Test
    void validateReportsAsJson() {
        JsonNode json = JSON.readTree(ok("validate", "-f", Examples.dir("web").toString(), "-e", "beta", "-t", "latest", "-o", "json").out());
        assertThat(json.get("valid").asBoolean()).isTrue();
        assertThat(json.get("documents").asInt()).isEqualTo(4);
        assertThat(json.get("warnings").findValuesAsString("rule")).contains("image-tag");
    }

    @Test
    void validateReadsAManifestFile() throws IOException {
        Path file = tmp.resolve("m.yaml");
        Files.writeString(file, """
                apiVersion: v1
                kind: Service
                metadata: {name: Bad_Name}
                spec: {ports: [{port: 80}]}
                ---
                apiVersion: extensions/v1beta1
                kind: Ingress
                metadata: {name: old}
                """);
        Cli.Result r = Cli.run("validate", "--manifests", file.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("error: Service/Bad_Name: metadata.name", "networking.k8s.io/v1");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }

    @Test
    void configmapIsByteIdenticalForIdenticalInput() throws IOException {
        Path dir = tmp.resolve("conf");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("b.properties"), "b=2\n");
        Files.writeString(dir.resolve("a.yaml"), "a: 1\n");
        Files.write(dir.resolve("ca.der"), new byte[] {0x30, (byte) 0x82, (byte) 0xff});
        String[] args = {"configmap", "app-config", "--from-file", dir.toString(), "--from-file", "extra.txt=" + dir.resolve("a.yaml"),
            "--from-literal", "MODE=fast", "-n", "promo", "--hash"};
        String first = ok(args).out();
        assertThat(ok(args).out()).isEqualTo(first);
        Map<String, Object> cm = ManifestYaml.read(first, "cm").get(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) cm.get("metadata");
        assertThat((String) metadata.get("name")).matches("app-config-[0-9a-f]{10}");
        assertThat(metadata).containsEntry("namespace", "promo");
        assertThat(List.copyOf(((Map<?, ?>) cm.get("data")).keySet())).isEqualTo(List.of("MODE", "a.yaml", "b.properties", "extra.txt"));
        assertThat(List.copyOf(((Map<?, ?>) cm.get("binaryData")).keySet())).isEqualTo(List.of("ca.der"));

        Files.writeString(dir.resolve("b.properties"), "b=3\n");
        Map<String, Object> changed = ManifestYaml.read(ok(args).out(), "cm").get(0);
        assertThat(((Map<?, ?>) changed.get("metadata")).get("name")).isNotEqualTo(metadata.get("name"));
        assertThat(JSON.readTree(ok("configmap", "x", "--from-literal", "A=1", "-o", "json").out()).get("data").get("A").asString())
                .isEqualTo("1");
    }

    @Test
    void configmapRejectsADuplicateKeyAndABadLiteral() {
        Cli.Result dup = Cli.run("configmap", "x", "--from-literal", "A=1", "--from-literal", "A=2");
        assertThat(dup.exit()).isEqualTo(3);
        assertThat(dup.err()).contains("key 'A' is given twice");
        Cli.Result bad = Cli.run("configmap", "x", "--from-literal", "novalue");
        assertThat(bad.exit()).isEqualTo(3);
        assertThat(bad.err()).contains("--from-literal 'novalue': expected KEY=VALUE");
        Cli.Result badKey = Cli.run("configmap", "x", "--from-literal", "a b=1");
        assertThat(badKey.exit()).isEqualTo(3);
        assertThat(badKey.err()).contains("ConfigMap/x", "a b");
    }

    @Test
    void renderAsJsonIsAList() {
        JsonNode json = JSON.readTree(ok("render", "-f", Examples.dir("worker").toString(), "-e", "beta", "-t", "1", "-o", "json").out());
        assertThat(json.get("kind").asString()).isEqualTo("List");
        assertThat(json.get("items").findValuesAsString("kind")).contains("ConfigMap", "Deployment");
    }

    @Test
    void helpExplainsEveryCommand() {
        assertThat(ok("--help").out()).contains("init", "templates", "render", "validate", "configmap", "Exit codes");
        for (List<String> cmd : List.of(List.of("render"), List.of("validate"), List.of("configmap"), List.of("init"),
                List.of("templates", "list"), List.of("templates", "show"))) {
            String[] args = java.util.stream.Stream.concat(cmd.stream(), java.util.stream.Stream.of("--help")).toArray(String[]::new);
            assertThat(ok(args).out()).contains("Usage: paycli " + String.join(" ", cmd));
        }
        assertThat(ok("--version").out()).startsWith("paycli ");
        Cli.Result none = Cli.run();
        assertThat(none.exit()).isEqualTo(2);
        assertThat(none.err()).contains("a command is required");
    }
}
