package io.paycli.core.deploy;

import io.paycli.core.archive.InstallResult;
import java.util.List;
import java.util.TreeSet;

/**
 * What a restore did, app by app.
 *
 * @param sourceCluster the archive's cluster folder the apps came from
 * @param archiveCommit the archive commit that was read
 * @param archiveFrom   where that commit came from (the remote's URL, else the local directory)
 * @param targetContext the kube context restored into
 * @param dryRun        true when nothing was changed on purpose
 * @param installation  what applying the cluster's captured installation did; null when it was never captured
 * @param apps          by source namespace, then app
 */
public record RestoreReport(String sourceCluster, String archiveCommit, String archiveFrom, String targetContext,
                            boolean dryRun, InstallResult installation, List<RestoredApp> apps) {
    public RestoreReport {
        apps = List.copyOf(apps);
    }

    /** True when an app or an object of the installation failed. */
    public boolean anyFailed() {
        return apps.stream().anyMatch(a -> a.outcome() == RestoredApp.Outcome.FAILED)
                || installation != null && !installation.succeeded();
    }

    /**
     * Every Secret, namespace/name, that the target needs and the archive cannot give (values are digests): those
     * the apps' manifests hold, and those the capture saw that the target lacks.
     */
    public List<String> secretsToProvide() {
        TreeSet<String> all = new TreeSet<>();
        apps.forEach(a -> all.addAll(a.secrets()));
        if (installation != null) {
            installation.secretsToProvide().forEach(s -> all.add(s.namespace() + "/" + s.name()));
        }
        return List.copyOf(all);
    }

    public long count(RestoredApp.Outcome outcome) {
        return apps.stream().filter(a -> a.outcome() == outcome).count();
    }
}
