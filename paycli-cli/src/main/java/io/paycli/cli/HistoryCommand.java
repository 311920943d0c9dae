package io.paycli.cli;

import io.paycli.core.deploy.History;
import io.paycli.core.model.Release;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "history",
        header = "List the recorded revisions (the last 10).",
        description = "List the revisions the cluster keeps for this app and environment (the last 10). The first"
                + " line, on stderr, names the namespace and the kube context.",
        mixinStandardHelpOptions = true)
final class HistoryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOptions project;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        History history = cluster.recordsService().history(project.request(cluster), output.targetLine(spec));
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.print(output.write(history.releases().stream().map(ReleaseJson::of).toList()));
            return 0;
        }
        print(out, history);
        return 0;
    }

    /** "rolled back", as a person writes it; JSON keeps the enum's name. */
    static String result(Release r) {
        return r.result().name().toLowerCase().replace('_', ' ');
    }

    /** The text form, which paycli demo shows too. */
    static void print(PrintWriter out, History history) {
        out.printf("%-9s %-20s %-12s %-22s %-12s %s%n", "REVISION", "TAG", "RESULT", "STARTED", "USER", "MESSAGE");
        for (Release r : history.releases()) {
            out.printf("%-9d %-20s %-12s %-22s %-12s %s%n", r.revision(), r.tag(), result(r),
                    r.startedAt().toString().substring(0, 19) + "Z", r.user(), r.message());
        }
        if (history.releases().isEmpty()) {
            out.println("no releases of " + history.target().app() + " (" + history.target().env() + ") in "
                    + history.target().namespace());
        }
    }
}
