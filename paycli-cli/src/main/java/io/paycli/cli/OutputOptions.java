package io.paycli.cli;

import picocli.CommandLine.Option;

/** -o text|json|yaml. */
final class OutputOptions {
    enum Format { text, json, yaml }

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: text, json or yaml (default: ${DEFAULT-VALUE}).")
    Format format;

    boolean json() {
        return format == Format.json;
    }
}
