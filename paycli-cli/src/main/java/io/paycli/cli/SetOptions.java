package io.paycli.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** --set: values from the command line, the last layer over paycli.yaml, for the commands that render. */
final class SetOptions {
    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a value (repeatable). Dotted paths, YAML-typed: --set replicas=3,"
                    + " --set ingress.enabled=true, --set env.MODE='\"3\"'. Escape dots in keys with '\\.'.")
    List<String> sets = new ArrayList<>();
}
