package io.paycli.core.archive;

import java.io.IOException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * The records of one app folder, newest first, and the release a restore puts back: the newest that succeeded and
 * serves traffic. A failed step left the revision before it in place (its {@code manifests.yaml} says so, and the
 * record of that revision is further back); a blue-green release waiting on preview was never approved, so the
 * release its live colour runs, further back, is the one that serves.
 */
final class FolderHistory {
    private final Git git;
    private final ObjectId head;
    private final String folder;

    FolderHistory(Git git, ObjectId head, String folder) {
        this.git = git;
        this.head = head;
        this.folder = folder;
    }

    ArchivedApp lastGood() throws IOException, GitAPIException {
        String[] parts = folder.split("/");
        String app = parts[2];
        String namespace = parts[1];
        boolean newest = true;
        boolean preview = false;
        boolean first = true;
        // The log is walked lazily: a folder whose last step succeeded costs one commit.
        for (RevCommit commit : git.log().add(head).addPath(folder + "/release.json").call()) {
            String json = ArchiveApps.file(git.getRepository(), commit, folder + "/release.json");
            if (json == null) {
                continue;
            }
            ArchiveRecord record = ArchiveRecord.parse(json);
            if (newest) {
                app = record.text("app") == null ? app : record.text("app");
                namespace = record.text("namespace") == null ? namespace : record.text("namespace");
                newest = false;
            }
            preview |= record.succeeded() && record.onPreview();
            if (record.succeeded() && !record.onPreview()) {
                // The newest record's manifests are the folder's as the snapshot has them (a later commit may have
                // touched only them); an older record's are those of its own commit.
                return found(first ? head : commit, record, app, namespace);
            }
            first = false;
        }
        return ArchivedApp.skipped(folder, app, namespace, preview
                ? "only a blue-green release on preview, never promoted, is recorded"
                : "no release of it ever succeeded");
    }

    private ArchivedApp found(ObjectId at, ArchiveRecord record, String app, String namespace) throws IOException {
        RevCommit commit;
        try (RevWalk walk = new RevWalk(git.getRepository())) {
            commit = walk.parseCommit(at);
        }
        String manifests = ArchiveApps.file(git.getRepository(), commit, folder + "/manifests.yaml");
        if (manifests == null || manifests.isBlank()) {
            return ArchivedApp.skipped(folder, app, namespace, "its archived manifests are missing");
        }
        return new ArchivedApp(folder, app, namespace, record.release(manifests), commit.name(), null);
    }
}
