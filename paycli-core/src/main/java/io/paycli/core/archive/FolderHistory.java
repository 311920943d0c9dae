package io.paycli.core.archive;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The records of one app folder, offered newest first ({@link ReleaseHistory} walks the history once for every
 * folder), and the release a restore puts back: the newest that succeeded and serves traffic. A failed step left
 * the revision before it in place (its {@code manifests.yaml} says so, and the record of that revision is further
 * back); a blue-green release waiting on preview was never approved, so the release its live colour runs, further
 * back, is the one that serves.
 */
final class FolderHistory {
    private final Repository repository;
    private final ObjectId head;
    private final String folder;
    private String app;
    private String namespace;
    private boolean newest = true;
    private boolean preview;

    FolderHistory(Repository repository, ObjectId head, String folder) {
        this.repository = repository;
        this.head = head;
        this.folder = folder;
        String[] parts = folder.split("/");
        this.namespace = parts[1];
        this.app = parts[2];
    }

    String folder() {
        return folder;
    }

    /** Takes the record {@code json} that {@code commit} wrote; returns the app once its release is found. */
    ArchivedApp offer(RevCommit commit, String json) throws IOException {
        ArchiveRecord record = ArchiveRecord.parse(json);
        boolean first = newest;
        if (newest) {
            app = record.text("app") == null ? app : record.text("app");
            namespace = record.text("namespace") == null ? namespace : record.text("namespace");
            newest = false;
        }
        preview |= record.succeeded() && record.onPreview();
        if (record.succeeded() && !record.onPreview()) {
            // The newest record's manifests are the folder's as the snapshot has them (a later commit may have
            // touched only them); an older record's are those of its own commit.
            return found(first ? head : commit, record);
        }
        return null;
    }

    /** The app when the history held no release of it to restore. */
    ArchivedApp notFound() {
        return ArchivedApp.skipped(folder, app, namespace, preview
                ? "only a blue-green release on preview, never promoted, is recorded"
                : "no release of it ever succeeded");
    }

    private ArchivedApp found(ObjectId at, ArchiveRecord record) throws IOException {
        RevCommit commit;
        try (RevWalk walk = new RevWalk(repository)) {
            commit = walk.parseCommit(at);
        }
        String manifests = ArchiveApps.file(repository, commit, folder + "/manifests.yaml");
        if (manifests == null || manifests.isBlank()) {
            return ArchivedApp.skipped(folder, app, namespace, "its archived manifests are missing");
        }
        return new ArchivedApp(folder, app, namespace, record.release(manifests), commit.name(), null);
    }
}
