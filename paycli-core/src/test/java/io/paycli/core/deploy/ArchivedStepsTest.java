package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.paycli.core.archive.ArchiveLog;
import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.archive.ArchiveSink;
import io.paycli.core.error.DeployFailedException;
import io.paycli.core.model.DeployEvent;
import io.paycli.sandbox.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Must-show 1: the archive's commits of a deploy, a failed deploy, a rollback and a promotion, through DeployService. */
class ArchivedStepsTest {
    private static final String FOLDER = Sandbox.DEFAULT_CONTEXT + "/promotion-beta/campaign-web/";

    @TempDir
    Path tmp;
    SandboxFixture cluster;

    private SandboxFixture start() {
        cluster = new SandboxFixture(tmp, SandboxFixture.settings(Duration.ofSeconds(2)),
                List.of(new ArchiveSink(ArchiveSettings.local(tmp.resolve("archive")))));
        return cluster;
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private List<ArchiveLog.Entry> log() {
        try (ArchiveLog log = ArchiveLog.open(tmp.resolve("archive"))) {
            return log.log(new ArchiveLog.Filter(null, null, null, null));
        }
    }

    private List<RevCommit> commits() throws Exception {
        try (Git git = Git.open(tmp.resolve("archive").toFile())) {
            List<RevCommit> all = new java.util.ArrayList<>();
            git.log().call().forEach(all::add);
            return all;
        }
    }

    private String show(String commit) {
        try (ArchiveLog log = ArchiveLog.open(tmp.resolve("archive"))) {
            return log.show(commit, null);
        }
    }

    @Test
    void aDeployAFailedDeployAndARollbackAreOneCommitEach() throws Exception {
        start().createNamespace("promotion-beta");
        Path web = SandboxFixture.copyExample("web", tmp.resolve("web"));
        cluster.service.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add);
        cluster.service.deploy(request(web, "beta", "1.1.0"), options(), cluster.events::add);
        assertThatThrownBy(() -> cluster.service.deploy(request(web, "beta", "2.0.0-fail"), options(),
                cluster.events::add)).isInstanceOf(DeployFailedException.class);
        cluster.service.rollback(request(web, "beta", null), null, options(), cluster.events::add);

        assertThat(cluster.events).filteredOn(e -> e.step() == DeployEvent.Step.ARCHIVE)
                .extracting(DeployEvent::kind).containsOnly(DeployEvent.Kind.DONE).hasSize(4);
        List<ArchiveLog.Entry> log = log();
        assertThat(log).extracting(e -> e.field("action"), e -> e.field("revision"), e -> e.field("tag"),
                e -> e.field("result")).containsExactly(
                        tuple("rollback", "4", "1.0.0", "succeeded"),
                        tuple("deploy", "3", "2.0.0-fail", "rolled back"),
                        tuple("deploy", "2", "1.1.0", "succeeded"),
                        tuple("deploy", "1", "1.0.0", "succeeded"));
        assertThat(log).allSatisfy(e -> {
            assertThat(e.folder() + "/").isEqualTo(FOLDER);
            assertThat(e.field("cluster")).isEqualTo(Sandbox.DEFAULT_CONTEXT);
            assertThat(e.field("user")).isEqualTo("tester");
            assertThat(e.field("template")).isEqualTo("web");
        });

        List<RevCommit> commits = commits();
        RevCommit failed = commits.get(1);
        assertThat(failed.getShortMessage()).isEqualTo("deploy campaign-web 2.0.0-fail to beta (promotion-beta) on "
                + Sandbox.DEFAULT_CONTEXT + ": rolled back");
        assertThat(failed.getFullMessage()).contains("\nuser: tester\n", "\nrevision: 3\n", "\ntemplate: web@",
                "\ncatalog commit: ", "\nconfig hash: ", "\nin place: revision 2 (1.1.0)\n");
        assertThat(failed.getAuthorIdent().getName()).isEqualTo("tester");
        assertThat(failed.getAuthorIdent().getEmailAddress()).isEqualTo("tester@paycli");
        assertThat(show(failed.name())).contains("campaign-web:1.1.0").doesNotContain("2.0.0-fail");
        assertThat(file(failed, FOLDER + "attempted.yaml")).contains("campaign-web:2.0.0-fail");

        RevCommit rollback = commits.get(0);
        assertThat(rollback.getShortMessage()).isEqualTo("rollback campaign-web 1.0.0 to beta (promotion-beta) on "
                + Sandbox.DEFAULT_CONTEXT + ": succeeded");
        assertThat(show(rollback.name())).contains("campaign-web:1.0.0");
        assertThat(file(rollback, FOLDER + "attempted.yaml")).isNull();
        assertThat(commits.get(3).getShortMessage()).isEqualTo("deploy campaign-web 1.0.0 to beta (promotion-beta) on "
                + Sandbox.DEFAULT_CONTEXT + ": succeeded");
    }

    @Test
    void aPromotionIsACommitWithItsBlueGreenState() throws Exception {
        BlueGreenFixture bg = new BlueGreenFixture(start(), tmp, "{autoPromote: false}");
        bg.deploy("1.0.0");
        bg.deploy("1.1.0");
        bg.promote();

        List<ArchiveLog.Entry> log = log();
        assertThat(log).extracting(e -> e.field("action"), e -> e.field("tag")).containsExactly(
                tuple("promote", "1.1.0"), tuple("deploy", "1.1.0"), tuple("deploy", "1.0.0"));
        assertThat(log.get(0).record().get("blueGreen")).asString().contains("phase=promoted", "live=green");
        assertThat(log.get(1).record().get("blueGreen")).asString().contains("phase=preview", "live=blue");
        RevCommit promotion = commits().get(0);
        assertThat(promotion.getShortMessage()).isEqualTo("promote campaign-web 1.1.0 to beta (promotion-beta) on "
                + Sandbox.DEFAULT_CONTEXT + ": succeeded");
        assertThat(show(promotion.name())).contains("campaign-web:1.1.0");
    }

    private String file(RevCommit commit, String path) throws Exception {
        try (Git git = Git.open(tmp.resolve("archive").toFile());
             var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(git.getRepository(), path, commit.getTree())) {
            return tree == null ? null : new String(git.getRepository().open(tree.getObjectId(0)).getBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
