package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.paycli.core.render.ManifestYaml;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Dockerfile at the repository root, checked without a Docker engine: what it copies out of the build is what the
 * build makes, the launcher finds the jar where it is put, it runs as a non-root user, and its default command is
 * the one the agent's Deployment runs, reading the config where the Deployment mounts it.
 */
class DockerfileTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One stage: its name, working directory and COPY instructions (sources, destination). */
    private record Stage(String name, String workdir, List<Copy> copies) {
    }

    private record Copy(String from, List<String> sources, String destination) {
    }

    @Test
    void whatTheImageCopiesIsWhatTheBuildMakes() throws Exception {
        Dockerfile file = Dockerfile.read(ROOT.resolve("Dockerfile"));
        assertThat(file.stages).hasSize(2);
        Stage build = file.stages.get(0);
        Stage runtime = file.stages.get(1);
        assertThat(file.from.get(0)).startsWith("maven:3-eclipse-temurin-17");
        assertThat(file.from.get(1)).startsWith("eclipse-temurin:17-jre");
        assertThat(file.runs.get(0)).contains("mvn -B -ntp -DskipTests package -pl paycli-cli -am");

        // The build stage copies the checkout into its WORKDIR, so /src/X there is X of this repository.
        assertThat(build.copies).singleElement().satisfies(c -> {
            assertThat(c.sources).containsExactly(".");
            assertThat(c.destination).isEqualTo(".");
        });
        assertThat(runtime.copies).hasSize(2).allSatisfy(c -> assertThat(c.from).isEqualTo(build.name));
        Map<String, String> copied = new LinkedHashMap<>();
        for (Copy c : runtime.copies) {
            String source = c.sources.get(0);
            assertThat(source).startsWith(build.workdir + "/");
            copied.put(source.substring(build.workdir.length() + 1), c.destination);
        }
        assertThat(copied).containsOnlyKeys(shadedJar(), "bin/paycli");

        // The launcher is a file of the repository, and runnable.
        assertThat(ROOT.resolve("bin/paycli")).isRegularFile().isExecutable();
        // The jar is where the launcher looks for it, relative to its own directory's parent.
        assertThat(Path.of(runtime.workdir, copied.get("bin/paycli")).normalize())
                .isEqualTo(Path.of(runtime.workdir, "bin/paycli"));
        assertThat(Path.of(runtime.workdir, copied.get(shadedJar())).normalize())
                .isEqualTo(Path.of(runtime.workdir, launcherJarPath()));
    }

    @Test
    void itRunsTheLauncherAsNonRootWithTheCommandTheAgentsDeploymentRuns() throws Exception {
        Dockerfile file = Dockerfile.read(ROOT.resolve("Dockerfile"));
        Stage runtime = file.stages.get(1);
        String[] user = file.user.split(":");
        assertThat(Long.parseLong(user[0])).isEqualTo(10001L);
        List<String> entrypoint = file.entrypoint;
        assertThat(entrypoint).containsExactly("bin/paycli");
        assertThat(runtime.copies).anySatisfy(c -> assertThat(c.destination).isEqualTo(entrypoint.get(0)));

        Cli.Result rendered = Cli.run("render", "-f", Examples.dir("agent").toString(), "-e", "beta", "-t", "1.0.0");
        assertThat(rendered.exit()).as(rendered.toString()).isZero();
        Map<String, Object> doc = ManifestYaml.read(rendered.out(), "agent").stream()
                .filter(d -> "Deployment".equals(d.get("kind"))).findFirst().orElseThrow();
        Deployment deployment = new KubernetesSerialization().convertValue(doc, Deployment.class);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Container agent = pod.getContainers().get(0);
        // No command: the image's ENTRYPOINT runs, with the Deployment's args in place of the CMD, which are equal.
        assertThat(agent.getCommand()).isEmpty();
        assertThat(agent.getArgs()).isEqualTo(file.cmd);
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(Long.parseLong(user[0]));

        String config = file.cmd.get(file.cmd.indexOf("--config") + 1);
        Path configDir = Path.of(config).getParent();
        VolumeMount mount = agent.getVolumeMounts().stream().filter(m -> Path.of(m.getMountPath()).equals(configDir))
                .findFirst().orElseThrow(() -> new AssertionError("the Deployment mounts nothing at " + configDir));
        assertThat(pod.getVolumes()).filteredOn(v -> v.getName().equals(mount.getName()))
                .singleElement().satisfies(v -> assertThat(v.getConfigMap()).isNotNull());
        assertThat(file.expose).containsExactly(String.valueOf(agent.getPorts().get(0).getContainerPort()));
    }

    /** The shaded jar the paycli-cli module's build writes, relative to the repository. */
    private static String shadedJar() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        Document pom = factory.newDocumentBuilder().parse(ROOT.resolve("paycli-cli/pom.xml").toFile());
        NodeList outputs = pom.getElementsByTagName("outputFile");
        for (int i = 0; i < outputs.getLength(); i++) {
            String text = outputs.item(i).getTextContent().strip();
            if (text.endsWith(".jar")) {
                return "paycli-cli/" + text.replace("${project.build.directory}", "target");
            }
        }
        throw new AssertionError("paycli-cli/pom.xml names no jar as an outputFile");
    }

    /** The jar path bin/paycli uses by default, relative to the directory above bin/. */
    private static String launcherJarPath() throws IOException {
        Matcher m = Pattern.compile("\\$\\{PAYCLI_JAR:-\\$root/([^}]+)}").matcher(Files.readString(ROOT.resolve("bin/paycli")));
        assertThat(m.find()).as("bin/paycli sets jar from $root").isTrue();
        return m.group(1);
    }

    /** The few instructions this Dockerfile uses, parsed as Docker does: continuations joined, comments dropped. */
    private static final class Dockerfile {
        final List<Stage> stages = new ArrayList<>();
        final List<String> from = new ArrayList<>();
        final List<String> runs = new ArrayList<>();
        String user = "root";
        List<String> entrypoint = List.of();
        List<String> cmd = List.of();
        List<String> expose = new ArrayList<>();

        static Dockerfile read(Path path) throws IOException {
            Dockerfile file = new Dockerfile();
            StringBuilder line = new StringBuilder();
            for (String raw : Files.readAllLines(path)) {
                String text = raw.strip();
                if (text.startsWith("#") || (text.isEmpty() && line.isEmpty())) {
                    continue;
                }
                if (text.endsWith("\\")) {
                    line.append(text, 0, text.length() - 1).append(' ');
                    continue;
                }
                line.append(text);
                file.instruction(line.toString().strip());
                line.setLength(0);
            }
            return file;
        }

        private void instruction(String line) throws IOException {
            String[] parts = line.split("\\s+", 2);
            String args = parts.length > 1 ? parts[1] : "";
            Stage stage = stages.isEmpty() ? null : stages.get(stages.size() - 1);
            switch (parts[0].toUpperCase()) {
                case "FROM" -> {
                    String[] words = args.split("\\s+");
                    from.add(words[0]);
                    String name = words.length == 3 && words[1].equalsIgnoreCase("AS") ? words[2] : null;
                    stages.add(new Stage(name, "/", new ArrayList<>()));
                    user = "root";
                }
                case "WORKDIR" -> stages.set(stages.size() - 1, new Stage(stage.name, args, stage.copies));
                case "COPY" -> {
                    List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
                    String fromStage = null;
                    if (words.get(0).startsWith("--from=")) {
                        fromStage = words.remove(0).substring("--from=".length());
                    }
                    String destination = words.remove(words.size() - 1);
                    stage.copies.add(new Copy(fromStage, words, destination));
                }
                case "RUN" -> runs.add(args);
                case "USER" -> user = args;
                case "EXPOSE" -> expose.addAll(List.of(args.split("\\s+")));
                case "ENTRYPOINT" -> entrypoint = execForm(args);
                case "CMD" -> cmd = execForm(args);
                default -> {
                }
            }
        }

        /** ENTRYPOINT and CMD must be in exec form (a JSON array), so that java gets the kubelet's SIGTERM. */
        private static List<String> execForm(String args) throws IOException {
            assertThat(args).as("exec form").startsWith("[");
            return List.of(JSON.readValue(args, String[].class));
        }
    }
}
