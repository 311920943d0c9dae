package io.paycli.cli;

import io.paycli.core.deploy.PreScaleResult;
import io.paycli.core.model.DeployEvent;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "scale",
        header = "Pre-scale the app's autoscaler for a campaign, or revert that.",
        description = "Set the min and max of the HorizontalPodAutoscaler of the revision in place, until a time or"
                + " until reverted, and record who did it, why, until when and the values before, on the HPA and in"
                + " history. Deploys keep the override until it expires; then the next deploy or paycli reconcile"
                + " puts the template's values back. --revert does that now. Holds the app's deploy lock. Exits 3"
                + " when the environment has no autoscaler (hpa.enabled) or the bounds are bad; --revert with no"
                + " override says so and exits 0.",
        mixinStandardHelpOptions = true)
final class ScaleCommand implements Callable<Integer> {
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

    @ArgGroup(exclusive = true, multiplicity = "1")
    What what;

    static final class What {
        @ArgGroup(exclusive = false)
        Override override;

        @Option(names = "--revert", required = true,
                description = "Put the template's min and max back and remove the override's record.")
        boolean revert;
    }

    static final class Override {
        @Option(names = "--min", required = true, paramLabel = "N", description = "The HPA's minReplicas (at least 1).")
        int min;

        @Option(names = "--max", required = true, paramLabel = "M",
                description = "The HPA's maxReplicas (at least --min).")
        int max;

        @Option(names = "--until", paramLabel = "TIME", converter = UntilConverter.class,
                description = "When the override ends: an RFC 3339 time (2026-12-02T06:00:00Z) or a duration from"
                        + " now (6h, 90m). Default: until reverted.")
        Instant until;

        @Option(names = "--reason", required = true, paramLabel = "TEXT",
                description = "Why, for whoever looks at the HPA or the history later.")
        String reason;
    }

    @java.lang.Override
    public Integer call() {
        var service = cluster.recordsService(sinks.sinks());
        var printer = manifests.on(new EventPrinter(spec.commandLine().getErr(), false), spec, output);
        Consumer<DeployEvent> events = output.structured()
                ? manifests.only(spec) : printer;
        String user = RolloutOptions.user();
        PreScaleResult result = what.revert
                ? service.revertScale(project.request(cluster), user, events)
                : service.scale(project.request(cluster), what.override.min, what.override.max, what.override.until,
                        what.override.reason, user, events);
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("changed", result.changed());
            json.put("message", result.message());
            json.put("override", result.override() == null ? null : StatusCommand.json(result.override()));
            json.put("revision", result.entry() == null ? null : result.entry().revision());
            out.print(output.write(json));
        } else {
            out.println(result.message() + (result.entry() == null ? "" : " (revision " + result.entry().revision()
                    + ")"));
        }
        return 0;
    }
}
