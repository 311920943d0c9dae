package io.paycli.core.archive;

import io.paycli.core.model.Release;

/**
 * One app of a cluster as the archive holds it, and what a restore puts back.
 *
 * @param folder  {@code <cluster>/<namespace>/<app>} in the archive
 * @param app     the app's name
 * @param namespace the namespace it ran in
 * @param release the last successful release, with the manifests in place (Secret values as digests); null when
 *                {@code skipped}
 * @param commit  the archive commit its manifests were read from
 * @param skipped why there is nothing to restore (nothing ever succeeded, only a preview waits); null otherwise
 */
public record ArchivedApp(String folder, String app, String namespace, Release release, String commit,
                          String skipped) {
    static ArchivedApp skipped(String folder, String app, String namespace, String why) {
        return new ArchivedApp(folder, app, namespace, null, null, why);
    }
}
