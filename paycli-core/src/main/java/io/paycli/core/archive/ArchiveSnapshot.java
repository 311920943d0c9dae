package io.paycli.core.archive;

import java.util.List;

/**
 * The apps of one source cluster as one archive commit holds them.
 *
 * @param cluster the source cluster's folder name
 * @param commit  the archive commit that was read
 * @param from    where that commit came from: the remote's URL after a fetch, else the local directory
 * @param apps    by namespace, then app
 * @param install the cluster's captured installation ({@code <cluster>/_cluster/}) at that commit; null when the
 *                cluster was never captured
 */
public record ArchiveSnapshot(String cluster, String commit, String from, List<ArchivedApp> apps,
                              ClusterInstall install) {
    public ArchiveSnapshot {
        apps = List.copyOf(apps);
    }
}
