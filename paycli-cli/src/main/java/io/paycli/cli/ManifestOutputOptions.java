package io.paycli.cli;

import picocli.CommandLine.Option;
import tools.jackson.databind.json.JsonMapper;

/** -o yaml|json for the commands whose output is Kubernetes objects, to apply or to read. */
final class ManifestOutputOptions {
    enum Format { yaml, json }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "yaml",
            description = "Output format: yaml or json (default: ${DEFAULT-VALUE}).")
    Format format;

    boolean json() {
        return format == Format.json;
    }

    /** One object or a v1 List as pretty JSON. */
    static String json(Object value) {
        return JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
    }
}
