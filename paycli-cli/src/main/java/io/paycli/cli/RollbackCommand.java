package io.paycli.cli;

import io.paycli.core.deploy.DeployResult;
import io.paycli.core.error.ReleaseFailedException;
import io.paycli.core.model.Release;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "rollback",
        header = "Put an earlier revision back in place.",
        description = "Put an earlier revision back in place, as a new revision, from the manifests recorded in the"
                + " cluster: no template is rendered, so the tag, values and catalog are those of that revision."
                + " Default: the last successful revision before the current one. For a blue-green app whose colour"
                + " that served before is still up (blueGreen.scaleDownDelay after a switch), a rollback to it is one"
                + " patch of the Service selector, with no rollout; after that window, it is a blue-green deploy of"
                + " the earlier revision to the idle colour. The first line names the namespace and the kube context.",
        mixinStandardHelpOptions = true)
final class RollbackCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOptions project;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    RolloutOptions rollout;
    @Mixin
    OutputOptions output;
    /** Where what this command changed goes: the release sinks. */
    @Mixin
    SinkOptions sinks;
    @Mixin
    ShowManifestsOption manifests;

    @Option(names = "--to-revision", paramLabel = "N", description = "The revision to go back to (see paycli history).")
    Integer toRevision;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        DeployResult result;
        EventPrinter printer = manifests.on(new EventPrinter(err, System.console() != null), spec, output);
        try (SignalStop signals = SignalStop.install(printer::note)) {
            result = cluster.recordsService(sinks.sinks()).rollback(project.request(cluster), toRevision,
                    rollout.options(false, false, signals.cancellation()), printer);
        } catch (ReleaseFailedException e) {
            DeployCommand.printFailure(output, spec.commandLine().getOut(), e);
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.print(output.write(DeployCommand.json(result)));
        } else {
            Release r = result.release();
            out.println(DeployCommand.outcome(r, "put back in") + " in "
                    + String.format("%.1fs", r.durationMillis() / 1000.0) + ": " + r.message());
        }
        return 0;
    }
}
