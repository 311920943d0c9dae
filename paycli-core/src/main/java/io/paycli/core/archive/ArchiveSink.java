package io.paycli.core.archive;

import io.paycli.core.deploy.Published;
import io.paycli.core.deploy.ReleaseSink;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;

/**
 * Step 7's archive: commits each published step to the manifests archive and pushes it. It never throws and never
 * fails a step: a problem is a warning, a commit that could not be pushed stays local for the next run, and the
 * push waits on the remote for at most the configured timeout.
 */
public final class ArchiveSink implements ReleaseSink {
    private static final Pattern USER_INFO = Pattern.compile("://[^/@\\s]+@");
    private final ArchiveSettings settings;

    public ArchiveSink(ArchiveSettings settings) {
        this.settings = settings;
    }

    @Override
    public Published released(Published published, Consumer<DeployEvent> events) {
        Consumer<String> warnings = w -> events.accept(DeployEvent.step(Step.ARCHIVE, Kind.WARNING, masked(w)));
        try {
            GitArchive.Written written = new GitArchive(settings).record(published, warnings);
            events.accept(DeployEvent.step(Step.ARCHIVE, Kind.DONE, masked("commit "
                    + written.commit().substring(0, 12) + " in " + settings.dir() + (!settings.hasRemote() ? ""
                    : written.delivered() ? ", pushed to " + settings.remote() : ", not pushed yet"))));
            return published.withArchiveCommit(written.commit());
        } catch (IOException | GitAPIException | RuntimeException e) {
            warnings.accept("the step was not archived in " + settings.dir() + ": " + describe(e));
            return published;
        }
    }

    /** A remote URL may carry a user and token (https://user:token@host/...): output shows neither. */
    static String masked(String text) {
        return USER_INFO.matcher(text).replaceAll("://***@");
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        if (e instanceof JGitInternalException && e.getCause() != null && e.getCause().getMessage() != null) {
            message = e.getCause().getMessage();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }
}
