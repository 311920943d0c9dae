package io.paycli.cli;

import io.paycli.core.deploy.DeployResult;
import io.paycli.core.error.ReleaseFailedException;
import io.paycli.core.model.Release;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "deploy",
        header = "Deploy: apply, prune, wait, record; roll back if unhealthy.",
        description = {"Render, validate, lock, apply (server-side apply), prune, wait for health and record a"
                + " release. A release that does not become healthy is rolled back to the current revision (exit 5)."
                + " The first line names the namespace and the kube context; progress goes to stderr, the result"
                + " to stdout.",
            "",
            "Ctrl-C or SIGTERM stops it within seconds: the previous revision is applied again without waiting, the"
                + " run is recorded as interrupted and the lock released (exit 5); a second signal exits at once and"
                + " leaves the lock to expire."},
        mixinStandardHelpOptions = true)
final class DeployCommand implements Callable<Integer> {
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
    RolloutOptions rollout;
    @Mixin
    OutputOptions output;
    /** Where what this command changed goes: the release sinks. */
    @Mixin
    SinkOptions sinks;
    @Mixin
    ShowManifestsOption manifests;

    @Option(names = "--create-namespace", description = "Create the namespace when it does not exist.")
    boolean createNamespace;

    @Option(names = "--dry-run", description = "Send every object as a server-side dry run; change nothing.")
    boolean dryRun;

    @Option(names = "--strict", description = "Treat policy findings (the warnings of paycli validate) as errors.")
    boolean strict;

    @Override
    public Integer call() {
        if (dryRun) {
            OptionConflicts.refuse(spec, "--dry-run changes nothing and waits for nothing", List.of("--timeout",
                    "--no-wait", "--no-rollback", "--fail-fast-grace", "--create-namespace"));
        }
        PrintWriter err = spec.commandLine().getErr();
        DeployResult result;
        EventPrinter printer = manifests.on(new EventPrinter(err, System.console() != null), spec, output);
        try (SignalStop signals = SignalStop.install(printer::note)) {
            result = catalog.deployService(cluster.kubeconfig, sinks.sinks()).deploy(project.request(tag, values, cluster),
                    rollout.options(dryRun, createNamespace, signals.cancellation()).withStrict(strict), printer);
        } catch (ReleaseFailedException e) {
            printFailure(output, spec.commandLine().getOut(), e);
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output.structured()) {
            out.print(output.write(json(result)));
        } else {
            out.println(summary(result));
        }
        return 0;
    }

    static String summary(DeployResult result) {
        if (result.dryRun()) {
            return "dry run: the server accepted all " + result.applied().size() + " objects; nothing was changed";
        }
        Release r = result.release();
        if (result.unchanged()) {
            return r.app() + " " + r.tag() + " in " + r.env() + " is unchanged (revision " + r.revision() + ")";
        }
        return outcome(r, "deployed to") + " in " + String.format("%.1fs", r.durationMillis() / 1000.0)
                + (result.pruned().isEmpty() ? "" : "; pruned " + result.pruned().size()) + colours(r);
    }

    /** For a blue-green release, where traffic is: the part of its record's message after "deployed TAG". */
    private static String colours(Release r) {
        int after = r.message().indexOf("; ");
        return r.blueGreen() == null || after < 0 ? "" : "; " + r.message().substring(after + 2);
    }

    /** "shop 1.0.0 deployed to beta (shop-beta) as revision 3 in 1.2s", with the verb given. */
    static String outcome(Release r, String verb) {
        return r.app() + " " + r.tag() + " " + verb + " " + r.env() + " (" + r.namespace() + ") as revision "
                + r.revision();
    }

    /** With -o json or yaml, the recorded outcome of a failed deploy goes to stdout too: CI reads it there. */
    static void printFailure(OutputOptions output, PrintWriter out, ReleaseFailedException e) {
        if (!output.structured() || e.release() == null) {
            return;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dryRun", false);
        json.put("unchanged", false);
        json.put("release", ReleaseJson.of(e.release()));
        json.put("exitCode", e.exitCode());
        json.put("error", e.getMessage());
        out.print(output.write(json));
        out.flush();
    }

    static Map<String, Object> json(DeployResult result) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dryRun", result.dryRun());
        json.put("unchanged", result.unchanged());
        json.put("release", result.release() == null ? null : ReleaseJson.of(result.release()));
        json.put("applied", result.applied().stream().map(Object::toString).toList());
        json.put("pruned", result.pruned().stream().map(Object::toString).toList());
        return json;
    }
}
