package io.paycli.core.model;

import java.nio.file.Path;
import java.util.List;

/**
 * What a user asks for: which app (its paycli.yaml or directory), which environment and tag, and
 * the overrides given on the command line. {@code env}, {@code tag}, {@code context} and
 * {@code namespace} may be null.
 */
public record DeployRequest(Path path, String env, String tag, List<String> sets, String context, String namespace) {
    public DeployRequest {
        sets = List.copyOf(sets);
    }
}
