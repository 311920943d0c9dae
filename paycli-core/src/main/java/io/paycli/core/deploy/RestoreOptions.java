package io.paycli.core.deploy;

import io.paycli.core.error.InvalidInputException;
import java.util.Map;

/**
 * How {@link DeployService#restore} runs.
 *
 * @param context      the target's kube context (null: the kubeconfig's current one)
 * @param namespaceMap source namespace to target namespace; a namespace not named stays as it is
 * @param parallel     how many apps are restored at once
 * @param dryRun       only say what would be done: read the target, change nothing
 * @param resume       a restore that was killed left deploy locks held: wait for them to expire (at most the lock's
 *                     TTL) instead of failing those apps
 * @param deploy       timeout, wait, rollback, user and cancellation of each app's deploy
 */
public record RestoreOptions(String context, Map<String, String> namespaceMap, int parallel, boolean dryRun,
                             boolean resume, DeployOptions deploy) {
    public static final int DEFAULT_PARALLEL = 4;

    public RestoreOptions {
        namespaceMap = Map.copyOf(namespaceMap);
        if (parallel < 1) {
            throw new InvalidInputException("--parallel " + parallel + ": restore at least 1 app at a time");
        }
    }

    /** Where an app of {@code source} goes. */
    public String namespace(String source) {
        return namespaceMap.getOrDefault(source, source);
    }
}
