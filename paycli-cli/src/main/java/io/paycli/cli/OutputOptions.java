package io.paycli.cli;

import io.paycli.core.render.ManifestYaml;
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

    String write(Object value) {
        if (format == Format.yaml) {
            return ManifestYaml.writeDocument(JsonMapper.shared().convertValue(value, Object.class));
        }
        return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    }
}
