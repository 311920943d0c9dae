package io.paycli.cli;

import io.paycli.core.archive.ClusterCompare;
import io.paycli.core.archive.CompareResult;
import io.paycli.core.archive.NamespaceMap;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.FieldChange;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.model.DeployEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "compare",
        header = "Does a cluster run what the archive says another cluster runs? App by app, with evidence.",
        description = "For each app folder <cluster>/<namespace>/<app>/ of --from in the archive: whether the"
                + " --to-context cluster's newest successful release of that app (its paycli release record, in the"
                + " mapped namespace) has the same version (tag) and config hash, and whether its live objects still"
                + " match that record (a change by hand, such as kubectl set image or kubectl scale, shows with the"
                + " object and field). Then each object of the captured <cluster>/_cluster/: present, missing or"
                + " different. Changes nothing: the comparisons are server-side dry runs."
                + " See docs/cluster-capture.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the target runs the same versions and config, and matches",
            "2:usage error",
            "3:the archive has nothing of --from",
            "4:the cluster cannot be reached, or refuses the user",
            "7:differences found: an app or a captured object is missing or different"},
        mixinStandardHelpOptions = true)
final class ClusterCompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "CLUSTER",
            description = "The cluster the archive describes (its clusterName, else its kube context).")
    String from;

    @Option(names = "--to-context", required = true, paramLabel = "CONTEXT",
            description = "The kube context of the cluster to check.")
    String toContext;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--namespace-map", paramLabel = "SOURCE=TARGET",
            description = "The namespace an app of the source namespace runs in on the target (repeatable).")
    List<String> namespaceMap = new ArrayList<>();

    @Option(names = "--apps", paramLabel = "GLOB", description = "Only the apps whose name matches (* and ?).")
    String apps;

    @Mixin
    ArchiveDirOption archive;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        NamespaceMap map = NamespaceMap.parse(namespaceMap);
        CompareResult result;
        try (ClusterGateway gateway = new KubeconfigConnector(kubeconfig).connect(toContext)) {
            if (!output.structured()) {
                new EventPrinter(spec.commandLine().getErr(), false).accept(DeployEvent.step(DeployEvent.Step.TARGET,
                        DeployEvent.Kind.STARTED, "compare context " + gateway.context() + " (" + gateway.server()
                                + ") with cluster " + from + " in the archive " + archive.dir()));
            }
            result = new ClusterCompare(archive.dir(), Clock.systemUTC()).compare(from, gateway, map, apps);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.print(output.write(json(result)));
        } else {
            print(out, result);
        }
        return result.differences() ? ExitCodes.DIFF_CHANGES : ExitCodes.OK;
    }

    /** The table of apps and the captured objects' line; paycli demo prints it too. */
    static void print(PrintWriter out, CompareResult result) {
        String row = "%-24s  %-10s  %-24s  %-14s  %-14s  %-9s  %s%n";
        out.printf(row, "APP", "ENV", "NAMESPACE", "SOURCE", "TARGET", "RESULT", "DIFFERENCES");
        for (CompareResult.AppComparison a : result.apps()) {
            String ns = a.sourceNamespace().equals(a.targetNamespace()) ? a.targetNamespace()
                    : a.sourceNamespace() + "->" + a.targetNamespace();
            out.printf(row, a.app(), a.env(), ns, a.sourceTag(), a.targetTag() == null ? "-" : a.targetTag(),
                    verdict(a.verdict()), a.reason().isEmpty() ? "-" : a.reason());
        }
        long same = result.install().stream().filter(i -> i.verdict() == CompareResult.Verdict.SAME).count();
        out.println();
        out.println("_cluster: " + same + " of " + result.install().size() + " captured objects as captured");
        for (CompareResult.InstallComparison i : result.install()) {
            if (i.verdict() != CompareResult.Verdict.SAME) {
                out.println("  " + verdict(i.verdict()) + "  " + i.ref() + (i.fields().isEmpty() ? ""
                        : ": " + String.join(", ", i.fields())));
            }
        }
        out.println(result.differences() ? "differences found" : "no differences");
    }

    private static String verdict(CompareResult.Verdict v) {
        return v.name().toLowerCase();
    }

    private static Map<String, Object> json(CompareResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", result.source());
        m.put("toContext", result.targetContext());
        m.put("differences", result.differences());
        m.put("apps", result.apps().stream().map(a -> {
            Map<String, Object> app = new LinkedHashMap<>();
            app.put("app", a.app());
            app.put("env", a.env());
            app.put("sourceNamespace", a.sourceNamespace());
            app.put("targetNamespace", a.targetNamespace());
            app.put("sourceVersion", a.sourceTag());
            app.put("targetVersion", a.targetTag());
            app.put("sourceConfigHash", a.sourceConfigHash());
            app.put("targetConfigHash", a.targetConfigHash());
            app.put("result", verdict(a.verdict()));
            app.put("reason", a.reason());
            app.put("drift", a.drift().stream().map(d -> {
                Map<String, Object> object = new LinkedHashMap<>();
                object.put("object", d.ref().toString());
                object.put("change", d.change().name().toLowerCase());
                object.put("fields", d.fields().stream().map(ClusterCompareCommand::field).toList());
                return object;
            }).toList());
            return app;
        }).toList());
        m.put("cluster", result.install().stream().map(i -> {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("object", i.ref().toString());
            object.put("result", verdict(i.verdict()));
            object.put("fields", i.fields());
            return object;
        }).toList());
        return m;
    }

    private static Map<String, Object> field(FieldChange f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", f.path());
        m.put("live", f.live());
        m.put("expected", f.expected());
        return m;
    }
}
