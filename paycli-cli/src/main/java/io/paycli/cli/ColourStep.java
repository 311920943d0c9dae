package io.paycli.cli;

import io.paycli.core.deploy.DeployOptions;
import io.paycli.core.deploy.DeployResult;
import io.paycli.core.deploy.DeployService;
import io.paycli.core.error.ReleaseFailedException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployRequest;
import io.paycli.core.model.Release;
import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What promote and abort share: progress on stderr, a first Ctrl-C that asks the step to stop, the recorded outcome
 * of a failure on stdout with -o json, and the result as a line or as JSON.
 */
final class ColourStep {
    /** One of the service's colour steps. */
    interface Step {
        DeployResult run(DeployService service, DeployRequest request, DeployOptions options,
                         Consumer<DeployEvent> events);
    }

    private ColourStep() {
    }

    /** {@code manifests}: null for a step that applies no manifests (abort only scales). */
    static int run(CommandSpec spec, ProjectOptions project, ClusterOptions cluster, SinkOptions sinks,
                   OutputOptions output, ShowManifestsOption manifests, String onStop, Step step,
                   Function<Release, String> summary) {
        EventPrinter printer = new EventPrinter(spec.commandLine().getErr(), System.console() != null);
        if (manifests != null) {
            manifests.on(printer, spec, output);
        }
        DeployResult result;
        try (SignalStop signals = SignalStop.install(printer::note, onStop)) {
            result = step.run(cluster.recordsService(sinks.sinks()), project.request(cluster),
                    DeployOptions.defaults(RolloutOptions.user()).withCancellation(signals.cancellation()), printer);
        } catch (ReleaseFailedException e) {
            DeployCommand.printFailure(output, spec.commandLine().getOut(), e);
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.print(output.write(DeployCommand.json(result)));
        } else {
            out.println(summary.apply(result.release()));
        }
        return 0;
    }
}
