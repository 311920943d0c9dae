package io.paycli.cli;

import io.paycli.core.archive.ArchiveApps;
import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.archive.ArchiveSink;
import io.paycli.core.archive.ArchiveSnapshot;
import io.paycli.core.archive.CaptureRules;
import io.paycli.core.archive.ClusterCapture;
import io.paycli.core.archive.ClusterCompare;
import io.paycli.core.archive.CompareResult;
import io.paycli.core.archive.NamespaceMap;
import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.deploy.ReleaseSink;
import io.paycli.core.deploy.RestoreOptions;
import io.paycli.core.deploy.RestoreReport;
import io.paycli.core.deploy.RestoredApp;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.sandbox.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The disaster-recovery part of {@code paycli demo}: the demo's own manifests archive, in a temporary directory
 * (never the user's), records every release of the steps before; {@code paycli cluster capture} adds the first
 * sandbox's installation; {@code paycli restore} rebuilds every app in a second, empty sandbox; and
 * {@code paycli cluster compare} shows that it runs what the archive says the first one runs. Each step makes the
 * same calls and prints the same output as its command. Closing deletes the archive.
 */
final class DemoRestore implements AutoCloseable {
    static final int STEPS = 3;
    /** The second sandbox's context name, as a restore's --to-context names the new cluster. */
    static final String TARGET = "paycli-sandbox-2";
    /** The sandbox rolls an app out in about a second, so the restore's time is the number of rounds. */
    static final int PARALLEL = 8;

    private final TemporaryDirectory dir;
    private final ArchiveSettings archive;

    /** Creates the demo's archive: an empty temporary directory, made a git repository by its first commit. */
    DemoRestore() throws IOException {
        dir = new TemporaryDirectory("paycli-demo-");
        archive = ArchiveSettings.local(dir.path().resolve("archive"));
    }

    /** Where the steps before send what they did: the demo's archive alone, no notification. */
    List<ReleaseSink> sinks() {
        return List.of(new ArchiveSink(archive));
    }

    /**
     * Steps {@code done + 1} to {@code done + STEPS} of {@code total}, from the sandbox that {@code kubeconfig}
     * reaches as {@link Sandbox#DEFAULT_CONTEXT}. Returns the line that says what was shown, or null if the restore
     * or the comparison did not come out as it should (the output above says where).
     */
    String run(int done, int total, Path kubeconfig, CatalogOptions catalog, DeployOptions options,
               EventPrinter events, PrintWriter out, Consumer<String> say) throws IOException {
        String source = Sandbox.DEFAULT_CONTEXT;
        int step = done;
        say.accept("step " + ++step + " of " + total + ": paycli cluster capture --context " + source + ": each step"
                + " above was also recorded in\n   the demo's manifests archive, a git repository in a temporary"
                + " directory (yours is\n   ~/.paycli/archive). The capture adds the cluster's installation under "
                + source + "/_cluster/:\n   namespaces, CRDs, RBAC, quotas and the like, Secrets by name only");
        try (ClusterGateway gateway = new KubeconfigConnector(kubeconfig).connect(source)) {
            events.accept(DeployEvent.step(Step.TARGET, Kind.STARTED, "capture cluster " + source + " from context "
                    + gateway.context() + " (" + gateway.server() + ")"));
            ClusterCapture.Result captured = new ClusterCapture(archive, Clock.systemUTC())
                    .capture(gateway, source, CaptureRules.defaults(), false, options.user(), events);
            ClusterCaptureCommand.print(out, captured, false);
        }

        try (Sandbox second = Sandbox.start(0)) {
            Path secondConfig = second.writeKubeconfig(dir.path().resolve("second.kubeconfig"), TARGET);
            say.accept("step " + ++step + " of " + total + ": paycli restore --from " + source + " --to-context "
                    + TARGET + " --parallel " + PARALLEL + ":\n   a second sandbox starts, empty, on " + second.url()
                    + ". From the archive alone, every app\n   gets its last successful release through the same"
                    + " engine as deploy (lock, apply, wait until\n   healthy, record), " + PARALLEL + " at a time;"
                    + " the progress goes to stderr, the table to stdout");
            RestoreReport report = restore(source, catalog.deployService(secondConfig, sinks()), options, events,
                    out);

            say.accept("step " + ++step + " of " + total + ": paycli cluster compare --from " + source
                    + " --to-context " + TARGET + ":\n   app by app, does the second sandbox run the version and config"
                    + " that the archive records\n   for the first, and do its live objects still match? The evidence"
                    + " for switching traffic");
            CompareResult compared;
            try (ClusterGateway gateway = new KubeconfigConnector(secondConfig).connect(TARGET)) {
                events.accept(DeployEvent.step(Step.TARGET, Kind.STARTED, "compare context " + gateway.context()
                        + " (" + gateway.server() + ") with cluster " + source + " in the archive " + archive.dir()));
                compared = new ClusterCompare(archive.dir(), Clock.systemUTC()).compare(source, gateway,
                        NamespaceMap.parse(List.of()), null);
            }
            ClusterCompareCommand.print(out, compared);
            return report.anyFailed() || compared.differences() ? null : shown(report);
        }
    }

    /** What paycli restore does and prints: live progress on stderr, then the table. */
    private RestoreReport restore(String source, DeployService target, DeployOptions options, EventPrinter events,
                                  PrintWriter out) {
        RestoreProgress progress = new RestoreProgress(events, System.console() != null);
        ArchiveSnapshot snapshot = ArchiveApps.read(archive, source, null,
                w -> progress.accept(DeployEvent.step(Step.ARCHIVE, Kind.WARNING, w)));
        progress.expect(snapshot.apps().size());
        RestoreReport report = target.restore(snapshot, new RestoreOptions(TARGET, Map.of(), PARALLEL, false, false,
                options), progress);
        progress.finish();
        RestoreTable.print(report, out);
        return report;
    }

    /** "5 apps restored into paycli-sandbox-2 from the archive alone, ...; Secrets to provide: none". */
    static String shown(RestoreReport report) {
        List<String> secrets = report.secretsToProvide();
        return report.count(RestoredApp.Outcome.RESTORED) + " apps restored into " + report.targetContext()
                + " from the archive alone, running the same versions and config as in " + report.sourceCluster()
                + "; Secrets to provide: " + (secrets.isEmpty() ? "none" : String.join(", ", secrets));
    }

    @Override
    public void close() {
        dir.close();
    }
}
