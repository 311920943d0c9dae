package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a user runs, as processes: bin/paycli on the shaded jar, and kubectl, the independent judge of what reached
 * the cluster. Output goes to files in a test's directory, which is also HOME, so no run touches the real one.
 */
final class Processes {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path LAUNCHER = ROOT.resolve("bin").resolve("paycli");
    static final Path JAR = ROOT.resolve("paycli-cli").resolve("target").resolve("paycli.jar");

    record Run(int exit, String out, String err, Duration took) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    private final Path dir;
    private final java.util.Map<String, String> env = new java.util.LinkedHashMap<>();
    private Path workdir = ROOT;

    /** @param dir where output files go; HOME of every process */
    Processes(Path dir) {
        this.dir = dir;
    }

    /** Sets an environment variable for the processes started from now on. */
    Processes env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Runs the processes started from now on in this directory (the repository root until then). */
    Processes in(Path directory) {
        workdir = directory;
        return this;
    }

    /** bin/paycli with these arguments, to its end. */
    Run paycli(String... args) throws IOException, InterruptedException {
        return run(command(LAUNCHER.toString(), args));
    }

    /**
     * bin/paycli as a user types it in another working directory, to its end: {@code launcher} is the path typed,
     * absolute or relative to {@code workDir}.
     */
    Run paycliIn(Path workDir, String launcher, String... args) throws IOException, InterruptedException {
        return run(command(launcher, args), workDir);
    }

    /** kubectl with this kubeconfig and these arguments, to its end. */
    Run kubectl(Path kubeconfig, String... args) throws IOException, InterruptedException {
        List<String> command = command("kubectl", "--kubeconfig", kubeconfig.toString());
        command.addAll(List.of(args));
        return run(command);
    }

    /** Starts bin/paycli and returns at once; its output goes to {@code name}.out and {@code name}.err. */
    Process start(Path jar, String name, String... args) throws IOException {
        return builder(foreground(command(LAUNCHER.toString(), args)), jar)
                .redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile())
                .start();
    }

    /** Starts bin/paycli as a terminal starts a foreground command, to send it Ctrl-C (SIGINT) later. */
    Process startForeground(String name, String... args) throws IOException {
        return start(JAR, name, args);
    }

    /**
     * When this JVM inherited SIGINT ignored (a background job of a non-interactive shell, such as a CI step run
     * with nohup), the launcher and java would inherit that too, and bash cannot trap a signal ignored at its start:
     * perl puts the default action back before it runs the command, as a terminal's foreground job has it.
     */
    private List<String> foreground(List<String> command) throws IOException {
        if (sigintIgnored()) {
            String resetSigint = "$SIG{INT} = 'DEFAULT'; exec {$ARGV[0]} @ARGV or die \"$ARGV[0]: $!\"";
            command.addAll(0, List.of("perl", "-e", resetSigint));
        }
        return command;
    }

    /** What a started process wrote so far to stdout ("out") or stderr ("err"). */
    String read(String name, String stream) throws IOException {
        Path file = dir.resolve(name + "." + stream);
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    /** A copy of an example app, to change. */
    Path example(String type) {
        return Examples.copy(type, dir.resolve(type));
    }

    private Run run(List<String> command) throws IOException, InterruptedException {
        return run(command, workdir);
    }

    private Run run(List<String> command, Path workDir) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        long started = System.nanoTime();
        Process p = builder(command, JAR).directory(workDir.toFile()).redirectOutput(out.toFile())
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8), Duration.ofNanos(System.nanoTime() - started));
    }

    private ProcessBuilder builder(List<String> command, Path jar) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(workdir.toFile());
        pb.environment().put("PAYCLI_JAR", jar.toString());
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("KUBECONFIG");
        pb.environment().putAll(env);
        return pb;
    }

    /** Whether this process ignores SIGINT, from the SigIgn mask in /proc (bit 1 is signal 2). */
    private static boolean sigintIgnored() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .map(l -> Long.parseUnsignedLong(l.substring("SigIgn:".length()).trim(), 16))
                .anyMatch(mask -> (mask & 2) != 0);
    }

    private static List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>(List.of(program));
        command.addAll(List.of(args));
        return command;
    }
}
