package io.paycli.core.deploy;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.ManifestSet;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/** Builds release records: a new render's, a rollback's, and who is deploying. */
final class Releases {
    private Releases() {
    }

    /**
     * A release about to be put in place; revision, result and duration come later, and the
     * message stays if it succeeds.
     */
    static Release pending(ManifestSet set, String manifests, String user, Instant now) {
        return new Release(set.app(), set.env(), set.namespace(), 0, set.tag(), set.image(), set.template(),
                set.templateVersion(), set.catalogCommit(), set.configHash(), user, now, 0, Result.FAILED,
                "deployed " + set.tag(), manifests);
    }

    /** A new revision carrying the manifests of an earlier one. */
    static Release rollbackOf(Release source, String user, Instant now) {
        return rollbackOf(source, user, now, source.manifests());
    }

    /** As above, with the manifests to put in place: a blue-green record's, as its template rendered them. */
    static Release rollbackOf(Release source, String user, Instant now, String manifests) {
        return new Release(source.app(), source.env(), source.namespace(), 0, source.tag(), source.image(),
                source.template(), source.templateVersion(), source.catalogCommit(), source.configHash(), user, now,
                0, Result.FAILED, "rollback to revision " + source.revision(), manifests);
    }

    /**
     * The revision {@code paycli rollback} goes back to: the one asked for, or the last good one before the
     * current.
     */
    static Release rollbackSource(List<Release> history, Integer toRevision, String app, String env) {
        if (history.isEmpty()) {
            throw new InvalidInputException("no releases of " + app + " (" + env + ") are recorded in this cluster");
        }
        if (toRevision != null) {
            return history.stream().filter(r -> r.revision() == toRevision).findFirst()
                    .orElseThrow(() -> new InvalidInputException("revision " + toRevision + " of " + app + " (" + env
                            + ") is not recorded; kept revisions: " + history.stream()
                            .map(r -> String.valueOf(r.revision())).collect(Collectors.joining(", "))));
        }
        // The last good revision that put other manifests in place: entries that changed nothing the manifests
        // hold (a pre-scale, a revert of one, a repaired drift) are no step back.
        List<Release> good = history.stream().filter(r -> r.result() == Result.SUCCEEDED).toList();
        return good.stream().skip(1).filter(r -> !r.manifests().equals(good.get(0).manifests())).findFirst()
                .orElseThrow(() -> new InvalidInputException("no earlier successful revision of " + app + " (" + env
                        + ") with other manifests to roll back to; pass --to-revision N"));
    }

    /**
     * Who holds the lock: the user, the host and the process, so a stuck lock can be traced, and a
     * run id, because one process (the agent) runs several deploys and each must hold its own lock.
     */
    static String holder(String user) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String run = Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffL);
        return user + "@" + host + " pid " + ProcessHandle.current().pid() + " run " + run;
    }

    /** The same record with its revision number. */
    static Release withRevision(Release r, int revision) {
        return new Release(r.app(), r.env(), r.namespace(), revision, r.tag(), r.image(), r.template(),
                r.templateVersion(), r.catalogCommit(), r.configHash(), r.user(), r.startedAt(), 0, r.result(),
                r.message(), r.manifests(), r.blueGreen());
    }
}
