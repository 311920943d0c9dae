package io.paycli.cli;

import io.paycli.core.deploy.DeployService;
import io.paycli.core.model.Release;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "abort",
        header = "Blue-green: drop the colour on preview; traffic stays.",
        description = {"Scale the colour that a deploy left ready on <app>-preview (an environment with"
                + " blueGreen.autoPromote: false) to 0 replicas, and leave the Service <app> and its traffic where"
                + " they are. Recorded as a revision of its own; holds the app's deploy lock. The first line names the"
                + " namespace and the kube context.",
            "",
            "Refused with exit 3 when nothing is on preview: the environment is not blue-green, or no deploy is"
                + " waiting for a promotion (it was promoted or aborted already). Exits 6 when another deploy holds"
                + " the lock.",
            "",
            "Example: 'paycli deploy -e release -t 1.3.0' leaves 1.3.0 on campaign-web-preview; if it does not look"
                + " right, 'paycli abort -e release' drops it and the colour that serves goes on serving."},
        mixinStandardHelpOptions = true)
final class AbortCommand implements Callable<Integer> {
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

    @Override
    public Integer call() {
        return ColourStep.run(spec, project, cluster, sinks, output, null, "the colour on preview stays as it is unless its scale-down has been sent", DeployService::abort,
                AbortCommand::summary);
    }

    /** "campaign-web (release) in promotion: aborted green (1.3.0) as revision 6 in 0.3s; traffic stays on blue". */
    static String summary(Release r) {
        return r.app() + " (" + r.env() + ") in " + r.namespace() + ": " + r.message() + " as revision "
                + r.revision() + " in " + String.format("%.1fs", r.durationMillis() / 1000.0)
                + (r.blueGreen() == null ? "" : "; traffic stays on " + r.blueGreen().live().id());
    }
}
