package io.paycli.core.archive;

import io.paycli.core.cluster.ClusterGateway;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.PaycliException;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * {@code paycli cluster capture}: reads a cluster's installation manifests and commits them under
 * {@code <cluster>/_cluster/} in the archive, in one commit, replacing what the previous capture wrote (so the
 * files of objects that are gone are removed). With {@code dryRun} it reads and writes nothing.
 */
public final class ClusterCapture {

    /**
     * What a capture took.
     *
     * @param cluster   the archive's name for the cluster
     * @param objects   the captured objects, in apply order
     * @param secrets   the Secrets seen, by name only
     * @param unread    kinds that could not be read, each with the reason
     * @param commit    the archive commit; null for a dry run
     * @param delivered whether the archive remote has the commit (true without a remote)
     */
    public record Result(String cluster, List<InstallObject> objects, List<SecretEntry> secrets, List<String> unread,
            String commit, boolean delivered) {
    }

    private final ArchiveSettings archive;
    private final Clock clock;

    public ClusterCapture(ArchiveSettings archive, Clock clock) {
        this.archive = archive;
        this.clock = clock;
    }

    /**
     * @param cluster the archive's name for the cluster (the context name unless the user named it)
     * @param user    who captured, for the commit's author
     */
    public Result capture(ClusterGateway gateway, String cluster, CaptureRules rules, boolean dryRun, String user,
            Consumer<DeployEvent> events) {
        Consumer<String> warnings = w -> events.accept(DeployEvent.step(Step.TARGET, Kind.WARNING, w));
        InstallReader.Snapshot snapshot = new InstallReader(gateway, rules, warnings).read();
        if (dryRun) {
            return new Result(cluster, snapshot.objects(), snapshot.secrets(), snapshot.unread(), null, true);
        }
        CaptureFolder folder = new CaptureFolder(cluster, gateway.context(), gateway.server(), rules, snapshot,
                clock.instant(), user);
        String who = user == null || user.isBlank() ? "unknown" : user;
        try {
            GitArchive.Written written = new GitArchive(archive).commit(folder::write, folder.message(),
                    new PersonIdent(who, who.contains("@") ? who : who + "@paycli"), w -> events.accept(
                            DeployEvent.step(Step.ARCHIVE, Kind.WARNING, ArchiveSink.masked(w))));
            events.accept(DeployEvent.step(Step.ARCHIVE, Kind.DONE, ArchiveSink.masked("commit "
                    + written.commit().substring(0, 12) + " in " + archive.dir() + (!archive.hasRemote() ? ""
                    : written.delivered() ? ", pushed to " + archive.remote() : ", not pushed yet"))));
            return new Result(cluster, snapshot.objects(), snapshot.secrets(), snapshot.unread(), written.commit(),
                    written.delivered());
        } catch (IOException | GitAPIException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new PaycliException(ExitCodes.INVALID_INPUT, "cannot write the capture of "
                    + cluster + " to the archive " + archive.dir() + ": " + e.getMessage(), e);
        }
    }
}
