package io.paycli.cli;

import io.paycli.core.deploy.DeployService;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Release;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "promote",
        header = "Blue-green: switch traffic to the colour on preview.",
        description = {"Switch the Service <app> to the colour that a deploy left ready on <app>-preview (an"
                + " environment with blueGreen.autoPromote: false), with one patch of its selector; the autoscaler"
                + " follows the new colour. The colour that served before keeps its pods for blueGreen.scaleDownDelay"
                + " (default 10m): until then paycli rollback switches straight back to it, and after it paycli"
                + " reconcile or the next deploy scales it to 0. Recorded as a revision of its own; holds the app's"
                + " deploy lock. The first line names the namespace and the kube context.",
            "",
            "Refused with exit 3 when nothing is on preview: the environment is not blue-green, or no deploy is"
                + " waiting for a promotion (it was promoted or aborted already). Exits 6 when another deploy holds"
                + " the lock.",
            "",
            "Example: 'paycli deploy -e release -t 1.3.0' leaves 1.3.0 on campaign-web-preview; after a look at it,"
                + " 'paycli promote -e release' moves the traffic, or 'paycli abort -e release' drops it."},
        mixinStandardHelpOptions = true)
final class PromoteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    ProjectOptions project;
    @Mixin
    ClusterOptions cluster;
    @Mixin
    OutputOptions output;
    /** Where what this command changed goes: the release sinks. */
    @Mixin
    SinkOptions sinks;
    @Mixin
    ShowManifestsOption manifests;

    @Override
    public Integer call() {
        return ColourStep.run(spec, project, cluster, sinks, output, manifests, "traffic stays where it is unless the switch has been made", DeployService::promote,
                PromoteCommand::summary);
    }

    /**
     * "campaign-web 1.3.0 promoted in release (promotion) as revision 5 in 0.4s: promoted green (1.3.0)", and how long
     * the colour that served before stays up for a switch-back.
     */
    static String summary(Release r) {
        String line = DeployCommand.outcome(r, "promoted in") + " in "
                + String.format("%.1fs", r.durationMillis() / 1000.0) + ": " + r.message();
        BlueGreenState state = r.blueGreen();
        if (state == null || state.idleWindowEnd() == null) {
            return line;
        }
        return line + System.lineSeparator() + state.idle().id() + " (" + state.idleTag() + ") stays up until "
                + state.idleWindowEnd().truncatedTo(ChronoUnit.SECONDS) + ": until then '" + ProgramName.get()
                + " rollback' switches back to it with one patch";
    }
}
