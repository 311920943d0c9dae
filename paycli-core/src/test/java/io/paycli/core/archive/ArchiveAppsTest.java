package io.paycli.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.deploy.Published;
import io.paycli.core.deploy.Published.Action;
import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Release;
import io.paycli.core.model.Release.Result;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a restore reads from the archive: each app of one cluster with its last successful release. */
class ArchiveAppsTest {
    @TempDir
    Path tmp;

    private final Steps.Warnings warnings = new Steps.Warnings();

    private void record(ArchiveSettings settings, Published... steps) throws Exception {
        GitArchive archive = new GitArchive(settings);
        for (Published step : steps) {
            archive.record(step, warnings);
        }
    }

    private static Map<String, ArchivedApp> byApp(ArchiveSnapshot snapshot) {
        return snapshot.apps().stream().collect(Collectors.toMap(ArchivedApp::app, Function.identity()));
    }

    private static Published blueGreen(String app, int revision, String tag, BlueGreenState.Phase phase) {
        Release plain = Steps.release(app, revision, tag, Result.SUCCEEDED, "alice");
        Release r = new Release(plain.app(), plain.env(), plain.namespace(), revision, tag, plain.image(),
                plain.template(), plain.templateVersion(), plain.catalogCommit(), plain.configHash(), plain.user(),
                plain.startedAt(), plain.durationMillis(), Result.SUCCEEDED, "deployed " + tag, plain.manifests(),
                new BlueGreenState(Colour.GREEN, Colour.BLUE, "x", 0, null, phase));
        return new Published(Action.DEPLOY, r, r, Steps.CLUSTER, "prod-tw-admin", List.of(), null);
    }

    @Test
    void eachAppOfTheClusterWithItsLastSuccessfulRelease() throws Exception {
        ArchiveSettings settings = ArchiveSettings.local(tmp.resolve("archive"));
        Release one = Steps.release("checkout", 1, "1.0.0", Result.SUCCEEDED, "alice");
        Published elsewhere = new Published(Action.DEPLOY, one, one, "other-cluster", "other", List.of(), null);
        record(settings,
                Steps.deploy("campaign-web", 1, "1.0.0"), Steps.deploy("campaign-web", 2, "1.1.0"),
                Steps.deploy("checkout", 1, "3.0.0"),
                Steps.failed("checkout", 2, "3.1.0", Steps.release("checkout", 1, "3.0.0", Result.SUCCEEDED, "a")),
                Steps.failed("never-web", 1, "0.1.0", null),
                blueGreen("bg-web", 1, "1.0.0", BlueGreenState.Phase.PROMOTED),
                blueGreen("bg-web", 2, "2.0.0", BlueGreenState.Phase.PREVIEW),
                blueGreen("preview-only", 1, "1.0.0", BlueGreenState.Phase.PREVIEW),
                elsewhere);

        ArchiveSnapshot snapshot = ArchiveApps.read(settings, Steps.CLUSTER, null, warnings);

        Map<String, ArchivedApp> apps = byApp(snapshot);
        assertThat(apps).containsOnlyKeys("campaign-web", "checkout", "never-web", "bg-web", "preview-only");
        assertThat(apps.get("campaign-web").release().tag()).isEqualTo("1.1.0");
        assertThat(apps.get("campaign-web").release().manifests()).contains("campaign-web:1.1.0");
        assertThat(apps.get("checkout").release().tag()).as("the revision the failed step left in place")
                .isEqualTo("3.0.0");
        assertThat(apps.get("checkout").release().manifests()).contains("checkout:3.0.0");
        assertThat(apps.get("never-web").skipped()).isEqualTo("no release of it ever succeeded");
        assertThat(apps.get("bg-web").release().tag()).as("never the unapproved preview").isEqualTo("1.0.0");
        assertThat(apps.get("bg-web").release().blueGreen().phase()).isEqualTo(BlueGreenState.Phase.PROMOTED);
        assertThat(apps.get("preview-only").skipped()).contains("preview");
        assertThat(snapshot.commit()).isEqualTo(Steps.commits(settings.dir()).get(0).name());
        assertThat(snapshot.from()).isEqualTo(settings.dir().toString());
    }

    @Test
    void appsAreChosenByAGlobOnTheirName() throws Exception {
        ArchiveSettings settings = ArchiveSettings.local(tmp.resolve("archive"));
        record(settings, Steps.deploy("campaign-web", 1, "1.0.0"), Steps.deploy("campaign-api", 1, "1.0.0"),
                Steps.deploy("checkout", 1, "1.0.0"));

        assertThat(ArchiveApps.read(settings, Steps.CLUSTER, "campaign-*", warnings).apps())
                .extracting(ArchivedApp::app).containsExactly("campaign-api", "campaign-web");
        assertThatThrownBy(() -> ArchiveApps.read(settings, "prod-sg", null, warnings))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("holds no app of cluster prod-sg");
    }

    @Test
    void aMergedHistoryCountsARecordWhereItWasWrittenNotWhereItWasMerged() throws Exception {
        ArchiveSettings settings = ArchiveSettings.local(tmp.resolve("archive"));
        record(settings, Steps.deploy("campaign-web", 1, "1.0.0"), Steps.deploy("checkout", 1, "3.0.0"));
        try (Git git = Git.open(settings.dir().toFile())) {
            git.checkout().setCreateBranch(true).setName("side").call();
            record(settings, Steps.deploy("checkout", 2, "3.2.0"));
            git.checkout().setName("main").call();
            record(settings, Steps.deploy("campaign-web", 2, "2.0.0"));
            git.merge().include(git.getRepository().resolve("side")).setCommit(true)
                    .setFastForward(org.eclipse.jgit.api.MergeCommand.FastForwardMode.NO_FF).call();
        }

        Map<String, ArchivedApp> apps = byApp(ArchiveApps.read(settings, Steps.CLUSTER, null, warnings));

        assertThat(apps.get("campaign-web").release().tag()).isEqualTo("2.0.0");
        assertThat(apps.get("checkout").release().tag()).as("written on the merged side branch").isEqualTo("3.2.0");
        assertThat(apps.get("checkout").release().manifests()).contains("checkout:3.2.0");
    }

    @Test
    void aNewMachineWithOnlyTheRemoteReadsWhatTheRemoteHas() throws Exception {
        Path remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
        ArchiveSettings writer = ArchiveSettings.local(tmp.resolve("ci")).withRemote(remote.toUri().toString());
        record(writer, Steps.deploy("campaign-web", 1, "1.0.0"), Steps.deploy("campaign-web", 2, "1.1.0"));
        ArchiveSettings fresh = ArchiveSettings.local(tmp.resolve("laptop")).withRemote(remote.toUri().toString());

        ArchiveSnapshot snapshot = ArchiveApps.read(fresh, Steps.CLUSTER, null, warnings);

        assertThat(snapshot.apps()).singleElement().satisfies(a -> assertThat(a.release().tag()).isEqualTo("1.1.0"));
        assertThat(snapshot.from()).isEqualTo(remote.toUri().toString());
        assertThat(snapshot.commit()).isEqualTo(Steps.commits(remote).get(0).name());

        // The remote moves on (another runner deployed): the next read fetches it.
        record(writer, Steps.deploy("campaign-web", 3, "1.2.0"));
        assertThat(ArchiveApps.read(fresh, Steps.CLUSTER, null, warnings).apps().get(0).release().tag())
                .isEqualTo("1.2.0");
        assertThat(warnings.all).isEmpty();
    }

    @Test
    void noArchiveAndNoRemoteIsOneClearLine() {
        assertThatThrownBy(() -> ArchiveApps.read(ArchiveSettings.local(tmp.resolve("none")), "prod-tw", null,
                warnings)).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("no archive at ");
    }
}
