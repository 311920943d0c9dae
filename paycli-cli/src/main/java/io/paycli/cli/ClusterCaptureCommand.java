package io.paycli.cli;

import io.paycli.core.archive.CaptureRules;
import io.paycli.core.archive.ClusterCapture;
import io.paycli.core.archive.InstallObject;
import io.paycli.core.archive.SecretEntry;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.model.DeployEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "capture",
        header = "Record a cluster's installation manifests in the archive, under <cluster>/_cluster/.",
        description = "Read the cluster's installation: Namespaces, CustomResourceDefinitions and their custom"
                + " resources, StorageClasses, IngressClasses, PriorityClasses, ClusterRoles and bindings, Roles and"
                + " bindings, ServiceAccounts, ResourceQuotas, LimitRanges and NetworkPolicies, and the Deployments,"
                + " DaemonSets, StatefulSets, Services, ConfigMaps and ServiceAccounts of each --system-namespace"
                + " (the ingress controller's, for example). Server-managed fields are stripped so that the files"
                + " apply to a new cluster. Left out: what a new cluster makes by itself (built-in namespaces,"
                + " system: RBAC, objects another object owns) and what paycli's app restore brings back (objects"
                + " labelled app.kubernetes.io/managed-by=paycli, release records). Secrets are listed by namespace,"
                + " name and type only, never by value. One commit per capture; files of objects that are gone are"
                + " removed. See docs/cluster-capture.md.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:captured (or, with --dry-run, listed)",
            "2:usage error: a bad --include or --exclude selector",
            "3:the archive could not be written",
            "4:the cluster cannot be reached, or refuses the user"},
        mixinStandardHelpOptions = true)
final class ClusterCaptureCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--context", required = true, paramLabel = "CONTEXT", description = "The kube context of the"
            + " cluster to capture.")
    String context;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--cluster-name", paramLabel = "NAME", description = "The archive's name for the cluster, as"
            + " an environment's clusterName names it (default: the context's name).")
    String clusterName;

    @Option(names = "--system-namespace", paramLabel = "NS", description = "Capture the workloads, Services and"
            + " ConfigMaps of this namespace too, such as the ingress controller's (repeatable).")
    List<String> systemNamespaces = new ArrayList<>();

    @Option(names = "--include", paramLabel = "SELECTOR", description = "Capture only objects that match one"
            + " selector (repeatable): KIND (NetworkPolicy), KIND/NAME-GLOB (ClusterRole/ingress-*) or"
            + " ns:NAMESPACE-GLOB.")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "SELECTOR", description = "Leave out objects that match a selector"
            + " (repeatable; same forms as --include); an exclude wins over an include.")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--dry-run", description = "List what would be captured, and write nothing.")
    boolean dryRun;

    @Mixin
    SinkOptions sinks;
    @Mixin
    OutputOptions output;

    @Override
    public Integer call() {
        CaptureRules rules = new CaptureRules(systemNamespaces, include, exclude);
        Consumer<DeployEvent> events = output.structured() ? e -> { }
                : new EventPrinter(spec.commandLine().getErr(), false);
        ClusterCapture.Result result;
        try (ClusterGateway gateway = new KubeconfigConnector(kubeconfig).connect(context)) {
            String cluster = clusterName != null && !clusterName.isBlank() ? clusterName : gateway.context();
            events.accept(DeployEvent.step(DeployEvent.Step.TARGET, DeployEvent.Kind.STARTED, "capture cluster "
                    + cluster + " from context " + gateway.context() + " (" + gateway.server() + ")"));
            result = new ClusterCapture(sinks.archiveSettings(SinkOptions.userConfig()), Clock.systemUTC())
                    .capture(gateway, cluster, rules, dryRun, RolloutOptions.user(), events);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.print(output.write(json(result)));
            return 0;
        }
        print(out, result, dryRun);
        return 0;
    }

    /** The objects and Secrets captured (or that would be), and the commit; paycli demo prints it too. */
    static void print(PrintWriter out, ClusterCapture.Result result, boolean dryRun) {
        out.printf("%-28s  %-24s  %s%n", "KIND", "NAMESPACE", "NAME");
        for (InstallObject o : result.objects()) {
            out.printf("%-28s  %-24s  %s%n", o.kind(), o.namespace() == null ? "-" : o.namespace(), o.name());
        }
        for (SecretEntry s : result.secrets()) {
            out.printf("%-28s  %-24s  %s%n", "Secret (name only)", s.namespace(), s.name());
        }
        out.println((dryRun ? "would capture " : "captured ") + result.objects().size() + " objects and list "
                + result.secrets().size() + " Secrets of cluster " + result.cluster()
                + (dryRun ? "; nothing was written" : " in commit " + result.commit().substring(0, 12)));
    }

    private Map<String, Object> json(ClusterCapture.Result result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", result.cluster());
        m.put("dryRun", dryRun);
        m.put("commit", result.commit());
        m.put("delivered", result.delivered());
        m.put("objects", result.objects().stream().map(o -> {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("apiVersion", o.apiVersion());
            object.put("kind", o.kind());
            object.put("namespace", o.namespace());
            object.put("name", o.name());
            object.put("file", o.path());
            return object;
        }).toList());
        m.put("secrets", result.secrets());
        m.put("unread", result.unread());
        return m;
    }
}
