package io.paycli.core.deploy;

import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.Release;
import java.util.List;

/**
 * A step that changed the cluster, as the release sinks (the archive, notifications) receive it.
 *
 * @param action        what was run
 * @param release       the record the step wrote: succeeded, failed, rolled back or interrupted; its manifests are
 *                      what was tried
 * @param inPlace       the last successful revision after the step, what is in place now (the release itself when
 *                      it succeeded); null when nothing ever succeeded
 * @param cluster       the environment's clusterName, else the kube context's name
 * @param context       the kube context
 * @param notifyTargets the app's {@code notify:} targets from paycli.yaml
 * @param archiveCommit the archive's commit of this step, once the archive has written it; else null
 */
public record Published(Action action, Release release, Release inPlace, String cluster, String context,
                        List<NotifyTarget> notifyTargets, String archiveCommit) {
    public Published {
        notifyTargets = List.copyOf(notifyTargets);
    }

    /** What was run. */
    public enum Action { DEPLOY, ROLLBACK, PROMOTE, ABORT, SCALE, RECONCILE, RESTORE }

    public Published withArchiveCommit(String commit) {
        return new Published(action, release, inPlace, cluster, context, notifyTargets, commit);
    }
}
