package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/paycli with the shaded jar, as a user runs it: the README's first command. */
class LauncherIT {
    private static final Path LAUNCHER = Path.of("..", "bin", "paycli").toAbsolutePath().normalize();
    private static final Path JAR = Path.of("target", "paycli.jar").toAbsolutePath();

    @TempDir
    Path tmp;

    record Run(int exit, String out, String err) {
    }

    private Run run(String... args) throws IOException, InterruptedException {
        return run(JAR, args);
    }

    private Run run(Path jar, String... args) throws IOException, InterruptedException {
        return runWithOptions(jar, null, args);
    }

    /** @param javaOptions PAYCLI_JAVA_OPTS for the run, or null */
    private Run runWithOptions(Path jar, String javaOptions, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new java.util.ArrayList<>(List.of(LAUNCHER.toString())));
        pb.directory(LAUNCHER.getParent().getParent().toFile());
        pb.command().addAll(List.of(args));
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PAYCLI_JAR", jar.toString());
        if (javaOptions != null) {
            pb.environment().put("PAYCLI_JAVA_OPTS", javaOptions);
        }
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void rendersTheExampleLikeTheGoldenFileOnFirstAndLaterRuns() throws Exception {
        String golden = Files.readString(Path.of("src", "test", "resources", "golden", "web-beta.yaml"));
        // A jar in a new directory has no class-data archive yet: the first run records it at exit; the second
        // maps it.
        Path jar = Files.copy(JAR, Files.createDirectories(tmp.resolve("fresh")).resolve("paycli.jar"));
        for (int i = 0; i < 2; i++) {
            Run r = run(jar, "render", "-f", "examples/web", "-e", "beta", "-t", "1.4.2");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).isEqualTo(golden);
            assertThat(r.err()).isEmpty();
        }
    }

    @Test
    void theBuildLeavesAClassArchiveThatTheFirstRunMaps() throws Exception {
        // The build ran the common commands once through bin/paycli (train-class-cache) and kept the archive of
        // the classes they loaded beside the jar, for the java that built it.
        List<Path> archives = archives();
        assertThat(archives).as("one class-data archive beside the jar").hasSize(1);
        // -Xshare:on makes java refuse to start when the archive cannot be mapped: the run below maps it.
        Run r = runWithOptions(JAR, "-Xshare:on", "status", "--help");
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Usage:");
        Run render = runWithOptions(JAR, "-Xshare:on -Xlog:class+load:file=" + tmp.resolve("classes.txt"), "render",
                "-f", "examples/web", "-e", "beta", "-t", "1.0.0");
        assertThat(render.exit()).as(render.err()).isZero();
        List<String> loaded = Files.readAllLines(tmp.resolve("classes.txt"));
        long fromArchive = loaded.stream().filter(l -> l.contains("source: shared objects file")).count();
        assertThat(fromArchive).as("classes mapped from the archives, of " + loaded.size())
                .isGreaterThan(loaded.size() * 9 / 10);
        // Nothing was recorded again: the same archive, and no other.
        assertThat(archives()).isEqualTo(archives);
    }

    /** The archives for this java (the one bin/paycli finds too): an AOT cache from 25 on, else AppCDS. */
    private static List<Path> archives() throws IOException {
        String kind = Runtime.version().feature() >= 25 ? "aot" : "jsa";
        try (java.util.stream.Stream<Path> files = Files.list(JAR.getParent())) {
            return files.filter(f -> f.getFileName().toString().matches("paycli-\\d+\\." + kind)).sorted()
                    .toList();
        }
    }

    @Test
    void theReadmeDemoRuns() throws Exception {
        Run r = run("demo");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("rolled back to revision", "one bad release rolled back automatically");
    }

    @Test
    void theSandboxServesKubectlUntilItIsStopped() throws Exception {
        Path kubeconfig = tmp.resolve("sandbox.kubeconfig");
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "sandbox", "--port", "0", "--kubeconfig",
                kubeconfig.toString());
        pb.environment().put("PAYCLI_JAR", JAR.toString());
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("sandbox.log").toFile());
        Process sandbox = pb.start();
        try {
            for (int i = 0; i < 300 && !Files.exists(kubeconfig); i++) {
                Thread.sleep(100);
            }
            assertThat(kubeconfig).exists();
            Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "namespaces",
                    "-o", "name").redirectErrorStream(true).start();
            String out = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(out).contains("namespace/default");
            assertThat(Files.readString(tmp.resolve("sandbox.log"))).contains("not a real cluster", "paycli-sandbox");
        } finally {
            sandbox.destroy();
            assertThat(sandbox.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void badInputExitsThreeWithOneLine() throws Exception {
        Run r = run("render", "-f", "examples/web", "-e", "beta", "-t", "no good");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.err().lines().toList()).containsExactly("error: invalid tag 'no good': use letters, digits, '_', '.' and '-',"
                + " not starting with '.' or '-', at most 128 characters");
    }
}
