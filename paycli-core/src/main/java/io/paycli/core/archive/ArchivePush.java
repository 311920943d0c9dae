package io.paycli.core.archive;

import java.io.IOException;
import java.util.function.Consumer;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.RebaseCommand;
import org.eclipse.jgit.api.RebaseResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.RepositoryState;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Pushes the archive's branch. A push rejected because someone else pushed meanwhile fetches, replays the local
 * commits on top (each app has its own folder, so the replay is clean) and tries again, a few times. A push that
 * cannot reach the remote leaves the commits local: the next push takes them along.
 */
final class ArchivePush {
    static final int ATTEMPTS = 5;
    private static final String BRANCH_REF = Constants.R_HEADS + GitArchive.BRANCH;
    private static final String TRACKING_REF = Constants.R_REMOTES + GitArchive.REMOTE + "/" + GitArchive.BRANCH;

    private final Git git;
    private final ArchiveSettings settings;
    /** False once a fetch could not reach the remote: a push then is not tried, so one run waits once at most. */
    private boolean reachable = true;

    ArchivePush(Git git, ArchiveSettings settings) {
        this.git = git;
        this.settings = settings;
    }

    /** True when the remote has every local commit. */
    boolean push(Consumer<String> warnings) {
        String where = "the archive remote " + settings.remote();
        if (!reachable) {
            warnings.accept("the commit stays local and the next archive write pushes it");
            return false;
        }
        try {
            for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                RemoteRefUpdate.Status status = pushOnce();
                switch (status) {
                    case OK, UP_TO_DATE -> {
                        return true;
                    }
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> {
                        if (fetch(warnings) == null || !rebase(warnings)) {
                            return false;
                        }
                    }
                    default -> {
                        warnings.accept(where + " refused the push (" + status.name().toLowerCase().replace('_', ' ')
                                + "); the commit stays local and the next archive write pushes it");
                        return false;
                    }
                }
            }
            warnings.accept(where + " kept moving: " + ATTEMPTS + " pushes were rejected; the commit stays local and"
                    + " the next archive write pushes it");
            return false;
        } catch (GitAPIException | RuntimeException e) {
            // a transport problem can surface as a runtime exception: still only a failed push
            warnings.accept("cannot push to " + where + ": " + e.getMessage() + "; the commit stays local and the"
                    + " next archive write pushes it");
            return false;
        }
    }

    private RemoteRefUpdate.Status pushOnce() throws GitAPIException {
        Iterable<PushResult> results = git.push().setRemote(GitArchive.REMOTE)
                .setRefSpecs(new RefSpec(BRANCH_REF + ":" + BRANCH_REF)).setTimeout(settings.timeoutSeconds())
                .setCredentialsProvider(settings.credentials()).setTransportConfigCallback(settings.ssh()).call();
        RemoteRefUpdate.Status status = RemoteRefUpdate.Status.NOT_ATTEMPTED;
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(BRANCH_REF);
            if (update != null) {
                status = update.getStatus();
            }
        }
        return status;
    }

    /** The remote branch's head after a fetch; null when the remote has none or cannot be reached (said). */
    ObjectId fetch(Consumer<String> warnings) {
        try {
            git.fetch().setRemote(GitArchive.REMOTE).setTimeout(settings.timeoutSeconds())
                    .setCredentialsProvider(settings.credentials()).setTransportConfigCallback(settings.ssh()).call();
            return git.getRepository().resolve(TRACKING_REF);
        } catch (GitAPIException | RuntimeException | IOException e) {
            reachable = false;
            warnings.accept("cannot fetch from the archive remote " + settings.remote() + ": " + e.getMessage());
            return null;
        }
    }

    /** Replays the local commits onto the remote's; on a conflict keeps them as they were and says so. */
    private boolean rebase(Consumer<String> warnings) throws GitAPIException {
        RebaseResult result = git.rebase().setUpstream(TRACKING_REF).call();
        if (result.getStatus().isSuccessful()) {
            return true;
        }
        if (git.getRepository().getRepositoryState() != RepositoryState.SAFE) {
            git.rebase().setOperation(RebaseCommand.Operation.ABORT).call();
        }
        warnings.accept("the archive's local commits do not replay cleanly onto " + settings.remote() + " ("
                + result.getStatus().name().toLowerCase() + "); they stay local, unpushed, until the two histories"
                + " are joined by hand");
        return false;
    }
}
