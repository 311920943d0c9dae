package io.paycli.core.cluster;

import io.paycli.core.model.Release;
import java.util.List;
import java.util.Optional;

/**
 * Release records kept in the cluster, in the app's namespace, one Secret per revision with the
 * gzipped manifests, so that rollback works without anything outside the cluster.
 */
public interface ReleaseStore {
    /** The revisions of an app in an environment, newest first. */
    List<Release> list(String app, String env);

    Optional<Release> get(String app, String env, int revision);

    /** Stores a revision (creates it, or replaces the record of the same revision). */
    void save(Release release);

    /**
     * Fails, before anything is changed, when the record of this release could not be stored.
     *
     * @throws io.paycli.core.error.InvalidInputException (exit 3) naming its size and the limit
     */
    void requireFits(Release release);

    /** Deletes all but the newest {@code keep} revisions. */
    void prune(String app, String env, int keep);

    /**
     * {@link #save} and then {@link #prune} of the release's app and environment, as one step: a store may read
     * the revisions to prune while it writes, and counts the one written among them either way. A failed save is
     * thrown before anything is pruned.
     */
    default void record(Release release, int keep) {
        save(release);
        prune(release.app(), release.env(), keep);
    }
}
