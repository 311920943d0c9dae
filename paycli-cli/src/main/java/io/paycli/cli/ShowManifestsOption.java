package io.paycli.cli;

import io.paycli.core.model.DeployEvent;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** --show-manifests, for the commands that apply: the YAML of the run, as its record and the archive keep it. */
final class ShowManifestsOption {
    @Option(names = "--show-manifests",
            description = "Print the exact YAML this command applies, before it applies it: the same bytes the"
                    + " release record keeps. On stdout; with -o json or yaml on stderr, so that stdout stays the"
                    + " result. To have it in every CI log: PAYCLI_SHOW_MANIFESTS=true.",
            defaultValue = "${env:PAYCLI_SHOW_MANIFESTS:-false}")
    boolean show;

    /** The printer, showing manifests when asked: on stdout, or on stderr when stdout is -o json or yaml. */
    EventPrinter on(EventPrinter printer, CommandSpec spec, OutputOptions output) {
        if (show) {
            printer.showingManifests(output.structured() ? spec.commandLine().getErr() : spec.commandLine().getOut());
        }
        return printer;
    }

    /** For a command whose progress -o json silences: only the manifests, when asked, on stderr. */
    Consumer<DeployEvent> only(CommandSpec spec) {
        if (!show) {
            return e -> { };
        }
        EventPrinter printer = new EventPrinter(spec.commandLine().getErr(), false)
                .showingManifests(spec.commandLine().getErr());
        return e -> {
            if (e.kind() == DeployEvent.Kind.MANIFESTS) {
                printer.accept(e);
            }
        };
    }
}
