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
        description = "List the revisions the cluster keeps for this app and environment (the last 10). A"
                + " blue-green app's promotions, aborts, switch-backs and scale-downs are revisions of their own; its"
                + " history shows the phase each revision left (preview, promoted, aborted, switched back) and the"
                + " colour that served after it. The first line, on stderr, names the namespace and the kube"
                + " context.",
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

    /**
     * The blue-green phase a record left, as a person writes it ("switched back"); "-" for a rolling record. JSON
     * has it as blueGreen.phase.
     */
    static String phase(Release r) {
        return r.blueGreen() == null ? "-" : r.blueGreen().phase().name().toLowerCase().replace('_', ' ');
    }

    /**
     * The text form, which paycli demo shows too. A history with blue-green records has two more columns: the phase
     * each record left (promoted, preview, aborted, switched back) and the colour that served after it.
     */
    static void print(PrintWriter out, History history) {
        boolean blueGreen = history.releases().stream().anyMatch(r -> r.blueGreen() != null);
        if (blueGreen) {
            out.printf("%-9s %-20s %-12s %-14s %-6s %-22s %-12s %s%n", "REVISION", "TAG", "RESULT", "PHASE", "LIVE",
                    "STARTED", "USER", "MESSAGE");
        } else {
            out.printf("%-9s %-20s %-12s %-22s %-12s %s%n", "REVISION", "TAG", "RESULT", "STARTED", "USER",
                    "MESSAGE");
        }
        for (Release r : history.releases()) {
            String started = r.startedAt().toString().substring(0, 19) + "Z";
            if (blueGreen) {
                out.printf("%-9d %-20s %-12s %-14s %-6s %-22s %-12s %s%n", r.revision(), r.tag(), result(r), phase(r),
                        r.blueGreen() == null ? "-" : r.blueGreen().live().id(), started, r.user(), r.message());
            } else {
                out.printf("%-9d %-20s %-12s %-22s %-12s %s%n", r.revision(), r.tag(), result(r), started, r.user(),
                        r.message());
            }
        }
        if (history.releases().isEmpty()) {
            out.println("no releases of " + history.target().app() + " (" + history.target().env() + ") in "
                    + history.target().namespace());
        }
    }
}
