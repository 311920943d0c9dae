package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * bin/paycli records its class-data archive on the first short command run with a new jar and maps it on every
 * later run; a class the recording run did not load is read from the jar and verified again by every run that
 * needs it. The first command of the ITs used to be whichever a test happened to run first, often one refused
 * before it reached a cluster, and then each of the hundreds of processes after it loaded the fabric8 client,
 * Vert.x, JGit and the deploy code from the jar. So the ITs' first command is a deploy against a sandbox, which
 * loads most of what any command does.
 */
final class ClassArchive {
    private static boolean recorded;

    private ClassArchive() {
    }

    /** Runs one deploy through bin/paycli, once per JVM, before any test's own process. */
    static synchronized void recordFromADeploy() {
        if (recorded) {
            return;
        }
        recorded = true;
        try {
            deploy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deploy() throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("paycli-class-archive");
        try (Sandbox sandbox = Sandbox.start(0)) {
            Path kubeconfig = sandbox.writeKubeconfig(home.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
            Path output = home.resolve("deploy.txt");
            ProcessBuilder pb = new ProcessBuilder(List.of(Processes.LAUNCHER.toString(), "deploy", "-f",
                    "examples/web", "-e", "beta", "-t", "1.0.0", "--create-namespace", "--kubeconfig",
                    kubeconfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT))
                    .directory(Processes.ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().put("PAYCLI_JAR", Processes.JAR.toString());
            pb.environment().put("HOME", home.toString());
            pb.environment().remove("KUBECONFIG");
            Process deploy = pb.start();
            assertThat(deploy.waitFor(180, TimeUnit.SECONDS)).as("the first deploy of the ITs ended").isTrue();
            assertThat(deploy.exitValue()).as("the first deploy of the ITs:\n"
                    + Files.readString(output, StandardCharsets.UTF_8)).isZero();
        } finally {
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
