package io.paycli.cli;

import io.paycli.core.deploy.Diff;
import io.paycli.core.error.ExitCodes;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "diff",
        header = "Show what a deploy would change (server-side dry run).",
        description = "Show what a deploy would change: a server-side dry run against the live objects, as a unified"
                + " diff without the fields the server manages. Objects that would be pruned show as deleted. The"
                + " diff goes to stdout; the first line, on stderr, names the namespace and the kube context.",
        mixinStandardHelpOptions = true)
final class DiffCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOptions project;
    @Mixin
    TagOption tag;
    @Mixin
    SetOptions values;
    @Mixin
    CatalogOptions catalog;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    OutputOptions output;

    @Option(names = "--exit-code", description = "Exit 7 when there are changes (like git diff --exit-code).")
    boolean exitCode;

    @Override
    public Integer call() {
        Diff diff = catalog.deployService(cluster.kubeconfig).diff(project.request(tag, values, cluster),
                output.targetLine(spec));
        PrintWriter out = spec.commandLine().getOut();
        if (diff.missingNamespace() != null) {
            spec.commandLine().getErr().println("namespace " + diff.missingNamespace() + " does not exist yet: every"
                    + " object is new; deploy with --create-namespace to create it");
        }
        if (output.structured()) {
            out.print(output.write(diff.objects().stream().map(o -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("object", o.ref().toString());
                m.put("change", o.change().name().toLowerCase());
                m.put("diff", o.unified());
                return m;
            }).toList()));
        } else {
            diff.objects().forEach(o -> out.print(o.unified()));
            if (!diff.changed()) {
                spec.commandLine().getErr().println("no changes");
            }
        }
        return exitCode && diff.changed() ? ExitCodes.DIFF_CHANGES : 0;
    }
}
