package io.paycli.cli;

import io.paycli.sandbox.Sandbox;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
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
        try (TemporaryDirectory work = new TemporaryDirectory("paycli-training");
             BundledExamples examples = BundledExamples.extract(); Sandbox sandbox = Sandbox.start(0)) {
            Path kubeconfig = sandbox.writeKubeconfig(work.path().resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
            String archive = work.path().resolve("archive").toString();
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
                    with(target, "deploy", "-t", "1.0.0", "--create-namespace", "--archive", archive),
                    with(target, "deploy", "-t", "1.0.1", "--archive", archive),
                    with(target, "diff", "-t", "1.0.2"),
                    with(target, "status"),
                    with(target, "status", "-o", "json"),
                    with(target, "history"),
                    with(target, "history", "-o", "json"));
            PrintWriter err = spec.commandLine().getErr();
            int failed = 0;
            for (List<String> run : runs) {
                StringWriter text = new StringWriter();
                PrintWriter output = new PrintWriter(text, true);
                int code = Main.run(output, output, run.toArray(String[]::new));
                // diff exits 0 or 7; anything else means the training did not run what it should.
                if (code != 0 && code != 7) {
                    err.println("training run 'paycli " + String.join(" ", run) + "' exited " + code + ":");
                    err.print(text);
                    failed++;
                }
            }
            return failed == 0 ? 0 : 1;
        }
    }

    private static List<String> with(List<String> target, String command, String... more) {
        return Stream.of(List.of(command), target, List.of(more)).flatMap(List::stream).toList();
    }
}
