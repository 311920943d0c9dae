package io.paycli.cli;

import io.paycli.core.model.DeployRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which app, environment and version: shared by every command that renders. */
final class ProjectOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "PATH", defaultValue = ".",
            description = "paycli.yaml, or the directory holding it (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME",
            description = "The environment from paycli.yaml. May be left out when there is only one.")
    String env;

    @Option(names = {"-t", "--tag"}, paramLabel = "TAG",
            description = "The image tag, which is the release version.")
    String tag;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override a value (repeatable). Dotted paths, YAML-typed: --set replicas=3,"
                    + " --set ingress.enabled=true, --set env.MODE='\"3\"'. Escape dots in keys with '\\.'.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--context", paramLabel = "CONTEXT", description = "Override the environment's kube context.")
    String context;

    @Option(names = "--namespace", paramLabel = "NS", description = "Override the environment's namespace.")
    String namespace;

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "The kubeconfig to use (default: $KUBECONFIG, else ~/.kube/config).")
    Path kubeconfig;

    DeployRequest request() {
        return new DeployRequest(file, env, tag, sets, context, namespace);
    }
}
