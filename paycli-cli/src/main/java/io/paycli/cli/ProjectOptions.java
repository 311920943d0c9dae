package io.paycli.cli;

import io.paycli.core.model.DeployRequest;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** Which app and environment, and where it lives: shared by every command that reads paycli.yaml. */
final class ProjectOptions {
    @Option(names = {"-f", "--file"}, paramLabel = "PATH", defaultValue = ".",
            description = "paycli.yaml, or the directory holding it (default: ${DEFAULT-VALUE}).")
    Path file;

    @Option(names = {"-e", "--env"}, paramLabel = "NAME",
            description = "The environment from paycli.yaml. May be left out when there is only one.")
    String env;

    @Option(names = "--namespace", paramLabel = "NS", description = "Override the environment's namespace.")
    String namespace;

    /** A request for a command that renders nothing and names the context itself (or leaves it to paycli.yaml). */
    DeployRequest request(ClusterOptions cluster) {
        return new DeployRequest(file, env, null, List.of(), cluster.context, namespace);
    }

    /** A request to render; {@code tag} and {@code values} may be null, {@code cluster} too when none is reached. */
    DeployRequest request(TagOption tag, SetOptions values, ClusterOptions cluster) {
        return new DeployRequest(file, env, tag == null ? null : tag.tag, values.sets,
                cluster == null ? null : cluster.context, namespace);
    }
}
