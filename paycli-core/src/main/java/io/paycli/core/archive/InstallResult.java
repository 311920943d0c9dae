package io.paycli.core.archive;

import io.paycli.core.model.ObjectRef;
import java.util.List;

/**
 * What applying a captured {@code _cluster} did to a target cluster, object by object (namespaces as mapped).
 *
 * @param applied          objects written (with dryRun: that would be written)
 * @param unchanged        objects already as captured, not written
 * @param failed           objects that could not be applied, each with the reason; the others went on
 * @param secretsToProvide Secrets the capture names that the target lacks: the operator provides them
 */
public record InstallResult(List<ObjectRef> applied, List<ObjectRef> unchanged, List<Failure> failed,
        List<SecretEntry> secretsToProvide) {

    public record Failure(ObjectRef ref, String reason) {
    }

    public InstallResult {
        applied = List.copyOf(applied);
        unchanged = List.copyOf(unchanged);
        failed = List.copyOf(failed);
        secretsToProvide = List.copyOf(secretsToProvide);
    }

    /** True when every object is in place (applied or unchanged). */
    public boolean succeeded() {
        return failed.isEmpty();
    }
}
