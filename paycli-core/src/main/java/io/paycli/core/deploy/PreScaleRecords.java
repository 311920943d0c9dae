package io.paycli.core.deploy;

import io.paycli.core.cluster.ReleaseStore;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * History entries of pre-scale overrides. An entry is a successful revision whose manifests are those of the
 * revision in place (the live bounds are not part of the manifests) and whose message says what happened, so that
 * history shows it, a deploy of the same render stays "unchanged", and rollback, which goes back to the last
 * revision with other manifests, never picks it as a step back.
 */
final class PreScaleRecords {
    private PreScaleRecords() {
    }

    /** Records the entry; empty when the app has no successful revision to describe. */
    static Optional<Release> record(ReleaseStore store, String app, String env, String user, Instant now,
                                    String message) {
        List<Release> history = store.list(app, env);
        Optional<Release> current = history.stream().filter(r -> r.result() == Result.SUCCEEDED).findFirst();
        if (current.isEmpty()) {
            return Optional.empty();
        }
        Release c = current.get();
        Release entry = new Release(c.app(), c.env(), c.namespace(), history.get(0).revision() + 1, c.tag(),
                c.image(), c.template(), c.templateVersion(), c.catalogCommit(), c.configHash(), user, now, 0,
                Result.SUCCEEDED, message, c.manifests(), c.blueGreen());
        store.record(entry, ReleasePipeline.KEEP_REVISIONS);
        return Optional.of(entry);
    }

    static String reverted(PreScaleOverride o, int[] template, String how) {
        return "reverted the pre-scale of HPA " + o.hpa().name() + " (" + o.describe() + ")" + how
                + "; the template's min " + template[0] + " max " + template[1] + " apply";
    }
}
