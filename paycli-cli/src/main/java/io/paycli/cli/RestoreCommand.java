package io.paycli.cli;

import io.paycli.core.archive.ArchiveApps;
import io.paycli.core.archive.ArchiveSnapshot;
import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.RestoreOptions;
import io.paycli.core.deploy.RestoreReport;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.UserConfig;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "restore",
        header = "Rebuild a cluster's apps from the manifests archive.",
        description = {"Put the apps the archive records for cluster --from into the cluster of --to-context: each"
                + " app's last successful release (never a blue-green release still on preview), through the same"
                + " engine as deploy: lock, apply, wait for health, record. Each restored app gets a release record"
                + " in the target, so history and rollback work there, and an archive commit under the target's"
                + " context name.",
            "",
            "Idempotent: an app that already runs its archived version, healthy, is left untouched (unchanged), so a"
                + " second run writes nothing. A failed app does not stop the others; the exit code is 5 if any"
                + " failed. Secrets are not restored (the archive holds digests of their values): the report names"
                + " the ones to provide. With an archive remote, the remote is fetched first."},
        mixinStandardHelpOptions = true)
final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "CLUSTER",
            description = "The source cluster as the archive names its folder (the CLUSTER of paycli archive log).")
    String from;

    @Option(names = "--to-context", required = true, paramLabel = "CONTEXT",
            description = "The kube context of the cluster to restore into.")
    String toContext;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config).")
    java.nio.file.Path kubeconfig;

    @Option(names = "--apps", paramLabel = "GLOB", description = "Only the apps whose name matches (* and ?).")
    String apps;

    @Option(names = "--namespace-map", paramLabel = "FROM=TO",
            description = "Restore the apps of namespace FROM into namespace TO (repeatable); missing namespaces are"
                    + " created.")
    Map<String, String> namespaceMap = new LinkedHashMap<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "How many apps to restore at once (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--dry-run", description = "Say what would be restored and what is unchanged; change nothing.")
    boolean dryRun;

    @Option(names = "--resume", description = "Continue a restore that was killed: wait for the deploy locks it left"
            + " held to expire (at most 40 s) instead of failing those apps.")
    boolean resume;

    @Mixin
    OutputOptions output;
    @Mixin
    SinkOptions sinks;

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new ParameterException(spec.commandLine(), "--parallel " + parallel
                    + ": restore at least 1 app at a time");
        }
        PrintWriter err = spec.commandLine().getErr();
        RestoreProgress progress = new RestoreProgress(new EventPrinter(err, System.console() != null),
                System.console() != null);
        UserConfig config = SinkOptions.userConfig();
        ArchiveSnapshot snapshot = ArchiveApps.read(sinks.archiveSettings(config), from, apps,
                w -> progress.accept(DeployEvent.step(DeployEvent.Step.ARCHIVE, DeployEvent.Kind.WARNING, w)));
        progress.expect(snapshot.apps().size());
        RestoreReport report;
        try (SignalStop signals = SignalStop.install(progress::note)) {
            DeployOptions deploy = new DeployOptions(DeployOptions.DEFAULT_TIMEOUT, true, true, false, false,
                    RolloutOptions.user()).withCancellation(signals.cancellation());
            ClusterOptions cluster = new ClusterOptions();
            cluster.kubeconfig = kubeconfig;
            report = cluster.recordsService(Sinks.of(sinks, config)).restore(snapshot,
                    new RestoreOptions(toContext, namespaceMap, parallel, dryRun, resume, deploy), progress);
        }
        progress.finish();
        PrintWriter out = spec.commandLine().getOut();
        int exit = report.anyFailed() ? ExitCodes.DEPLOY_FAILED : ExitCodes.OK;
        if (output.structured()) {
            out.print(output.write(RestoreTable.json(report, exit)));
        } else {
            RestoreTable.print(report, out);
        }
        out.flush();
        return exit;
    }
}
