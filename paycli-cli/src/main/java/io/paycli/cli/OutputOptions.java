package io.paycli.cli;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.render.ManifestYaml;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** -o text|json|yaml: text for people, JSON or YAML of the same data for machines. */
final class OutputOptions {
    enum Format { text, json, yaml }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json or yaml (default: ${DEFAULT-VALUE}).")
    Format format;

    /** True when the caller should print {@link #write} instead of its text form. */
    boolean structured() {
        return format != Format.text;
    }

    boolean json() {
        return format == Format.json;
    }

    /**
     * Prints the first line of a command that talks to a cluster (which app, namespace and context) on stderr, as
     * deploy does, in text output only: stdout stays the command's data, and -o json or yaml prints nothing else.
     */
    Consumer<DeployEvent> targetLine(CommandSpec spec) {
        if (structured()) {
            return event -> { };
        }
        EventPrinter printer = new EventPrinter(spec.commandLine().getErr(), false);
        return event -> {
            if (event.step() == DeployEvent.Step.TARGET) {
                printer.accept(event);
            }
        };
    }

    String write(Object value) {
        if (format == Format.yaml) {
            return ManifestYaml.writeDocument(JsonMapper.shared().convertValue(value, Object.class));
        }
        return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    }
}
