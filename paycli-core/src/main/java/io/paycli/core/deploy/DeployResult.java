package io.paycli.core.deploy;

import io.paycli.core.model.ObjectRef;
import io.paycli.core.model.Release;
import java.util.List;

/**
 * What a deploy or rollback did. {@code release} is the revision recorded (null for a dry run);
 * {@code unchanged} is true when the render matched the current revision and nothing was written.
 */
public record DeployResult(Release release, boolean unchanged, List<ObjectRef> applied, List<ObjectRef> pruned,
                           boolean dryRun) {
    public DeployResult {
        applied = List.copyOf(applied);
        pruned = List.copyOf(pruned);
    }
}
