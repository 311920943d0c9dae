package io.paycli.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.deploy.Published;
import io.paycli.core.model.DeployEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushing the archive to a bare repository on a temp dir: each commit, a push that fails, a rejected push. */
class ArchiveRemoteTest {
    @TempDir
    Path tmp;
    Path remote;

    @BeforeEach
    void bareRemote() throws Exception {
        remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    }

    private Published record(Path archive, Published step, List<DeployEvent> events) {
        return new ArchiveSink(ArchiveSettings.local(archive).withRemote(remote.toUri().toString()))
                .released(step, events::add);
    }

    private static List<DeployEvent> warnings(List<DeployEvent> events) {
        return events.stream().filter(e -> e.kind() == DeployEvent.Kind.WARNING).toList();
    }

    @Test
    void eachCommitIsPushed() {
        List<DeployEvent> events = new ArrayList<>();
        Published out = record(tmp.resolve("archive"), Steps.deploy("campaign-web", 1, "1.0.0"), events);

        assertThat(warnings(events)).isEmpty();
        assertThat(Steps.commits(remote)).extracting(RevCommit::name).containsExactly(out.archiveCommit());
        assertThat(events).last().extracting(DeployEvent::message).asString().contains("pushed to");
    }

    @Test
    void aPushThatFailsLeavesTheCommitLocalAndTheNextWriteDeliversIt() throws Exception {
        Path archive = tmp.resolve("archive");
        record(archive, Steps.deploy("campaign-web", 1, "1.0.0"), new ArrayList<>());
        Path away = tmp.resolve("away.git");
        Files.move(remote, away);

        List<DeployEvent> events = new ArrayList<>();
        Published kept = record(archive, Steps.deploy("campaign-web", 2, "1.1.0"), events);

        assertThat(kept.archiveCommit()).isNotNull();
        assertThat(warnings(events)).singleElement().extracting(DeployEvent::message).asString()
                .startsWith("cannot push to the archive remote " + remote.toUri())
                .endsWith("the commit stays local and the next archive write pushes it");
        assertThat(warnings(events).get(0).step()).isEqualTo(DeployEvent.Step.ARCHIVE);
        assertThat(Steps.commits(archive)).hasSize(2);

        Files.move(away, remote);
        List<DeployEvent> later = new ArrayList<>();
        Published next = record(archive, Steps.deploy("worker", 1, "3.0.0"), later);

        assertThat(warnings(later)).isEmpty();
        assertThat(Steps.commits(remote)).extracting(RevCommit::name)
                .containsExactly(next.archiveCommit(), kept.archiveCommit(), Steps.commits(archive).get(2).name());
    }

    @Test
    void aRejectedPushReplaysTheLocalCommitsOnTopAndPushesAgain() {
        Path one = tmp.resolve("one");
        Path two = tmp.resolve("two");
        List<DeployEvent> events = new ArrayList<>();
        record(one, Steps.deploy("campaign-web", 1, "1.0.0"), events);
        // a new archive with the same remote continues its history
        record(two, Steps.deploy("worker", 1, "2.0.0"), events);
        assertThat(Steps.commits(two)).hasSize(2);
        // one is now behind: its push is rejected, fetched, replayed and pushed again
        Published third = record(one, Steps.deploy("campaign-web", 2, "1.1.0"), events);
        record(two, Steps.deploy("worker", 2, "2.1.0"), events);

        assertThat(warnings(events)).isEmpty();
        List<RevCommit> pushed = Steps.commits(remote);
        assertThat(pushed).extracting(RevCommit::getShortMessage).containsExactly(
                "deploy worker 2.1.0 to release (promotion) on prod-tw: succeeded",
                "deploy campaign-web 1.1.0 to release (promotion) on prod-tw: succeeded",
                "deploy worker 2.0.0 to release (promotion) on prod-tw: succeeded",
                "deploy campaign-web 1.0.0 to release (promotion) on prod-tw: succeeded");
        assertThat(pushed.get(1).name()).isEqualTo(third.archiveCommit());
        assertThat(pushed.get(1).getAuthorIdent().getName()).isEqualTo("alice");
        assertThat(Steps.file(remote, "main", "prod-tw/promotion/worker/manifests.yaml")).contains(":2.1.0");
        assertThat(Steps.file(remote, "main", "prod-tw/promotion/campaign-web/manifests.yaml")).contains(":1.1.0");
    }

    @Test
    void aRemoteThatCannotBeReachedWarnsAndTheStepKeepsItsCommit() {
        List<DeployEvent> events = new ArrayList<>();
        Published out = new ArchiveSink(ArchiveSettings.local(tmp.resolve("archive"))
                .withRemote(tmp.resolve("missing.git").toUri().toString()))
                .released(Steps.deploy("campaign-web", 1, "1.0.0"), events::add);

        assertThat(out.archiveCommit()).isNotNull();
        assertThat(warnings(events)).isNotEmpty().allSatisfy(w -> assertThat(w.step())
                .isEqualTo(DeployEvent.Step.ARCHIVE));
    }

    @Test
    void anArchiveThatCannotBeWrittenIsAWarningNotAFailure() throws Exception {
        Path file = tmp.resolve("not-a-dir");
        Files.writeString(file, "x");
        List<DeployEvent> events = new ArrayList<>();
        Published step = Steps.deploy("campaign-web", 1, "1.0.0");
        Published out = new ArchiveSink(ArchiveSettings.local(file)).released(step, events::add);

        assertThat(out).isEqualTo(step);
        assertThat(warnings(events)).singleElement().extracting(DeployEvent::message).asString()
                .startsWith("the step was not archived in " + file);
    }

    @Test
    void aTokenInTheRemoteUrlNeverReachesTheOutput() {
        List<DeployEvent> events = new ArrayList<>();
        new ArchiveSink(ArchiveSettings.local(tmp.resolve("archive"))
                .withRemote("http://deployer:s3cret-token@127.0.0.1:1/archive.git"))
                .released(Steps.deploy("campaign-web", 1, "1.0.0"), events::add);

        assertThat(warnings(events)).isNotEmpty();
        assertThat(events).allSatisfy(e -> assertThat(e.message()).doesNotContain("s3cret-token"));
        assertThat(warnings(events).get(0).message()).contains("http://***@127.0.0.1:1/archive.git");
    }

    @Test
    void anSshRemoteIsPushedThroughTheSshProgram() throws Exception {
        Path fakeSsh = tmp.resolve("fake-ssh");
        Files.writeString(fakeSsh, """
                #!/bin/sh
                # Records its arguments, then runs the remote command (the last one) here, as sshd would there.
                echo "$@" >> "$0.args"
                for last; do :; done
                exec sh -c "$last"
                """);
        assertThat(fakeSsh.toFile().setExecutable(true)).isTrue();
        ArchiveSettings settings = ArchiveSettings.local(tmp.resolve("archive"))
                .withRemote("ssh://git@archive.example.com:2222" + remote.toAbsolutePath())
                .withSshProgram(fakeSsh.toString()).withPushTimeout(Duration.ofSeconds(7));

        List<DeployEvent> events = new ArrayList<>();
        Published first = new ArchiveSink(settings).released(Steps.deploy("campaign-web", 1, "1.0.0"), events::add);
        Published second = new ArchiveSink(settings).released(Steps.deploy("campaign-web", 2, "1.1.0"), events::add);

        assertThat(warnings(events)).isEmpty();
        assertThat(Steps.commits(remote)).extracting(RevCommit::name)
                .containsExactly(second.archiveCommit(), first.archiveCommit());
        // the first write looks for the remote's history (upload-pack), then each write pushes (receive-pack)
        String ssh = "-o BatchMode=yes -o ConnectTimeout=7 -p 2222 git@archive.example.com ";
        assertThat(Files.readAllLines(tmp.resolve("fake-ssh.args"))).containsExactly(
                ssh + "git-upload-pack '" + remote.toAbsolutePath() + "'",
                ssh + "git-receive-pack '" + remote.toAbsolutePath() + "'",
                ssh + "git-receive-pack '" + remote.toAbsolutePath() + "'");
    }

    @Test
    void anSshRemoteThatCannotBeReachedIsAFailedPushThatKeepsTheCommit() {
        List<DeployEvent> events = new ArrayList<>();
        Published out = new ArchiveSink(ArchiveSettings.local(tmp.resolve("archive"))
                .withRemote("ssh://git@127.0.0.1:1/archive.git").withSshProgram(tmp.resolve("no-ssh").toString()))
                .released(Steps.deploy("campaign-web", 1, "1.0.0"), events::add);

        assertThat(out.archiveCommit()).isNotNull();
        // one wait on the dead remote (the first write's look for its history), and no push tried after it
        assertThat(warnings(events)).extracting(DeployEvent::message).satisfiesExactly(
                w -> assertThat(w).startsWith("cannot fetch from the archive remote ssh://***@127.0.0.1:1/archive.git"),
                w -> assertThat(w).isEqualTo("the commit stays local and the next archive write pushes it"));
        assertThat(Steps.commits(tmp.resolve("archive"))).hasSize(1);
    }
}
