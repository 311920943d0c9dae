package io.paycli.core.archive;

import io.paycli.core.deploy.Published;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand.ResetType;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * The manifests archive, a git repository: one commit per published step, with
 * {@code <cluster>/<namespace>/<app>/manifests.yaml} (what is in place after the step), {@code release.json} (the
 * step's record) and, while the app's last step did not succeed, {@code attempted.yaml} (what was tried). Writers
 * hold {@link ArchiveLock} from the first file written to the end of the push.
 */
public final class GitArchive {
    static final String BRANCH = "main";
    static final String REMOTE = "origin";

    private final ArchiveSettings settings;

    public GitArchive(ArchiveSettings settings) {
        this.settings = settings;
    }

    /** The commit of a step, and whether the remote has it (always true without a remote). */
    public record Written(String commit, boolean delivered) {
    }

    /**
     * Commits the step, then pushes every commit the remote lacks (this one and any a failed push left behind).
     * Problems with the remote are told to {@code warnings}; problems with the local repository are thrown.
     */
    public Written record(Published published, Consumer<String> warnings) throws IOException, GitAPIException {
        ArchivedStep step = new ArchivedStep(published);
        return commit(root -> writeStep(root, step), step.message(),
                new PersonIdent(step.authorName(), step.authorEmail()), warnings);
    }

    /** Writes files into the archive's working tree and names the folder to commit (additions and removals). */
    @FunctionalInterface
    interface Change {
        String write(Path root) throws IOException;
    }

    /**
     * The one way into the archive: under {@link ArchiveLock}, continues a remote's history on first use, lets
     * {@code change} write its folder, commits that folder as {@code who} and pushes.
     */
    Written commit(Change change, String message, PersonIdent who, Consumer<String> warnings)
            throws IOException, GitAPIException {
        ArchiveLock lock = ArchiveLock.take(settings.dir());
        try (lock; Git git = open()) {
            ArchivePush push = new ArchivePush(git, settings);
            if (settings.hasRemote() && git.getRepository().resolve(Constants.HEAD) == null) {
                startFromRemote(git, push, warnings);
            }
            String folder = change.write(settings.dir());
            git.add().addFilepattern(folder).call();
            git.add().setUpdate(true).addFilepattern(folder).call();
            RevCommit commit = git.commit().setMessage(message).setAuthor(who).setCommitter(who).setSign(false)
                    .setNoVerify(true).call();
            if (commit == null) {
                throw new IOException("the commit of " + folder + " was not made");
            }
            boolean delivered = !settings.hasRemote() || push.push(warnings);
            return new Written(git.getRepository().resolve(Constants.HEAD).name(), delivered);
        }
    }

    /**
     * Brings the local archive up to the remote's history before it is read, when the local one has nothing the
     * remote lacks (a new machine, or one behind); without a remote, or when the remote cannot be reached (said),
     * the local archive is read as it is.
     */
    public void refresh(Consumer<String> warnings) throws IOException, GitAPIException {
        if (!settings.hasRemote()) {
            return;
        }
        ArchiveLock lock = ArchiveLock.take(settings.dir());
        try (lock; Git git = open()) {
            ArchivePush push = new ArchivePush(git, settings);
            ObjectId local = git.getRepository().resolve(Constants.HEAD);
            ObjectId remote = push.fetch(warnings);
            if (remote == null || remote.equals(local)) {
                return;
            }
            if (local != null) {
                try (org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(
                        git.getRepository())) {
                    if (!walk.isMergedInto(walk.parseCommit(local), walk.parseCommit(remote))) {
                        warnings.accept("the local archive " + settings.dir() + " has commits the remote lacks;"
                                + " it is read as it is");
                        return;
                    }
                }
            }
            RefUpdate update = git.getRepository().updateRef(Constants.R_HEADS + BRANCH);
            update.setNewObjectId(remote);
            update.setForceUpdate(true);
            update.update();
            git.reset().setMode(ResetType.HARD).call();
        }
    }

    /** Opens the repository, creating it on first use (under the lock, so two first writers do not collide). */
    Git open() throws IOException, GitAPIException {
        Path dir = settings.dir();
        Git git = Files.exists(dir.resolve(".git").resolve("config")) ? Git.open(dir.toFile())
                : Git.init().setDirectory(dir.toFile()).setInitialBranch(BRANCH).call();
        StoredConfig config = git.getRepository().getConfig();
        boolean changed = false;
        // Commits replayed onto a concurrent push (a rebase) keep their author; their committer is then paycli.
        if (config.getString("user", null, "name") == null) {
            config.setString("user", null, "name", "paycli");
            config.setString("user", null, "email", "paycli@paycli");
            changed = true;
        }
        if (settings.hasRemote() && !settings.remote().equals(config.getString("remote", REMOTE, "url"))) {
            config.setString("remote", REMOTE, "url", settings.remote());
            config.setString("remote", REMOTE, "fetch", "+refs/heads/*:refs/remotes/" + REMOTE + "/*");
            changed = true;
        }
        if (changed) {
            config.save();
        }
        return git;
    }

    /** A new local archive with a remote that has history continues that history instead of starting its own. */
    private static void startFromRemote(Git git, ArchivePush push, Consumer<String> warnings)
            throws IOException, GitAPIException {
        ObjectId remoteHead = push.fetch(warnings);
        if (remoteHead == null) {
            return;
        }
        RefUpdate update = git.getRepository().updateRef(Constants.R_HEADS + BRANCH);
        update.setNewObjectId(remoteHead);
        update.update();
        git.reset().setMode(ResetType.HARD).call();
    }

    private static String writeStep(Path root, ArchivedStep step) throws IOException {
        String folder = step.folder();
        Path dir = root.resolve(folder);
        Files.createDirectories(dir);
        write(dir.resolve("manifests.yaml"), SecretRedaction.redact(step.manifestsInPlace()));
        write(dir.resolve("release.json"), step.releaseJson());
        Path attempted = dir.resolve("attempted.yaml");
        if (step.succeeded()) {
            Files.deleteIfExists(attempted);
        } else {
            write(attempted, SecretRedaction.redact(step.tried()));
        }
        return folder;
    }

    private static void write(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
