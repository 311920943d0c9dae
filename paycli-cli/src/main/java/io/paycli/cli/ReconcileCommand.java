package io.paycli.cli;

import io.paycli.core.deploy.ReconcileOutcome;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "reconcile",
        header = "Do what is due: scale down old colours, revert expired overrides.",
        description = "Find what paycli left to be done later and is due now, and do it, each under the app's deploy"
                + " lock, recorded in history: the colour that served before a blue-green switch is scaled to 0 once"
                + " its switch-back window (blueGreen.scaleDownDelay) has ended, and a pre-scale override (paycli"
                + " scale) whose --until has passed goes back to the template's values of the revision in place."
                + " Idempotent: run it from a CI schedule."
                + " An app whose lock a running deploy holds is skipped, said so on its line, and left for the next"
                + " run; the others go on, and the exit code stays 0, so a schedule does not fail because a deploy"
                + " was running."
                + " Reads no paycli.yaml; works on the objects labelled app.kubernetes.io/managed-by=paycli.",
        mixinStandardHelpOptions = true)
final class ReconcileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Where where;

    static final class Where {
        @Option(names = {"-n", "--namespace"}, required = true, paramLabel = "NS", description = "This namespace.")
        String namespace;

        @Option(names = {"-A", "--all-namespaces"}, required = true, description = "Every namespace.")
        boolean all;
    }

    @Option(names = "--dry-run", description = "Say what is due, and change nothing.")
    boolean dryRun;

    @Mixin
    SinkOptions sinks;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        List<ReconcileOutcome> outcomes = cluster.recordsService(sinks.sinks()).reconcile(cluster.context,
                where.all ? null : where.namespace, dryRun, RolloutOptions.user(),
                output.structured() ? e -> { } : new EventPrinter(err, false));
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.print(output.write(outcomes.stream().map(o -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("namespace", o.item().namespace());
                m.put("app", o.item().app());
                m.put("env", o.item().env());
                m.put("object", o.item().object().toString());
                m.put("done", o.done());
                m.put("skipped", o.skipped());
                m.put("message", o.message());
                return m;
            }).toList()));
            return 0;
        }
        if (outcomes.isEmpty()) {
            out.println("nothing is due in " + (where.all ? "any namespace" : "namespace " + where.namespace));
        }
        outcomes.forEach(o -> out.println(o.item().app() + " (" + o.item().env() + ") in " + o.item().namespace()
                + ": " + o.message()));
        return 0;
    }
}
