package io.paycli.cli;

import io.paycli.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Runs the commands users run most (render, validate, diff, deploy, status, history and their help), in one process,
 * against an in-process sandbox, so that the class-data archive bin/paycli records from this run covers them. The
 * build runs it through bin/paycli right after the jar is made: the first command a user runs is then as fast as
 * the later ones, instead of paying for the recording. Hidden: it is a build step, not a user's command.
 */
@Command(name = "train-class-cache", hidden = true, mixinStandardHelpOptions = true,
        description = "Run the common commands once against an in-process sandbox (a build step).")
public final class ClassCacheTrainingCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Path kubeconfig = Files.createTempFile("paycli-training", ".kubeconfig");
        Path archive = Files.createTempDirectory("paycli-training-archive");
        try (BundledExamples examples = BundledExamples.extract(); Sandbox sandbox = Sandbox.start(0)) {
            sandbox.writeKubeconfig(kubeconfig, Sandbox.DEFAULT_CONTEXT);
            String app = examples.app("web").toString();
            List<String> target = List.of("-f", app, "-e", "beta", "--context", Sandbox.DEFAULT_CONTEXT,
                    "--kubeconfig", kubeconfig.toString());
            List<List<String>> runs = List.of(
                    List.of("--help"),
                    List.of("render", "--help"),
                    List.of("render", "-f", app, "-e", "beta", "-t", "1.0.0"),
                    List.of("render", "-f", app, "-e", "beta", "-t", "1.0.0", "-o", "json"),
                    List.of("validate", "-f", app, "-e", "beta", "-t", "1.0.0"),
                    with(target, "diff", "-t", "1.0.0"),
                    with(target, "deploy", "-t", "1.0.0", "--create-namespace", "--archive", archive.toString()),
                    with(target, "deploy", "-t", "1.0.1", "--archive", archive.toString()),
                    with(target, "diff", "-t", "1.0.2"),
                    with(target, "status"),
                    with(target, "status", "-o", "json"),
                    with(target, "history"),
                    with(target, "history", "-o", "json"));
            PrintWriter err = spec.commandLine().getErr();
            int failed = 0;
            for (List<String> run : runs) {
                StringPrintWriter output = new StringPrintWriter();
                int code = Main.run(output, output, run.toArray(String[]::new));
                // diff exits 0 or 7; anything else means the training did not run what it should.
                if (code != 0 && code != 7) {
                    err.println("training run 'paycli " + String.join(" ", run) + "' exited " + code + ":");
                    err.print(output);
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        } finally {
            Files.deleteIfExists(kubeconfig);
            deleteTree(archive);
        }
    }

    private static List<String> with(List<String> target, String command, String... more) {
        return Stream.of(List.of(command), target, List.of(more)).flatMap(List::stream).toList();
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Output that is kept only to be shown when a run fails. */
    private static final class StringPrintWriter extends PrintWriter {
        private final StringWriter text;

        StringPrintWriter() {
            this(new StringWriter());
        }

        private StringPrintWriter(StringWriter text) {
            super(text, true);
            this.text = text;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
