package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.sandbox.Sandbox;
import io.paycli.sandbox.SandboxSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Deploys archived through the CLI, and archive log, show and diff as a user runs them. */
class ArchiveCommandsTest {
    @TempDir
    Path tmp;
    Sandbox sandbox;
    Path kubeconfig;
    Path archive;

    @BeforeEach
    void start() {
        sandbox = Sandbox.start(0, SandboxSettings.defaults().withRolloutDelay(Duration.ofMillis(100))
                .withProgressDeadline(Duration.ofSeconds(2)));
        kubeconfig = sandbox.writeKubeconfig(tmp.resolve("kubeconfig"), Sandbox.DEFAULT_CONTEXT);
        archive = tmp.resolve("archive");
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private Cli.Result deploy(String tag, String... extra) {
        List<String> args = new ArrayList<>(List.of("deploy", "-f", Examples.dir("web").toString(), "-e", "beta",
                "--kubeconfig", kubeconfig.toString(), "--context", Sandbox.DEFAULT_CONTEXT, "-t", tag,
                "--create-namespace", "--archive", archive.toString()));
        args.addAll(List.of(extra));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void deploysAreArchivedAndLogShowAndDiffReadThem() {
        Cli.Result first = deploy("1.0.0");
        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(first.err()).contains("    archive done: commit ");
        assertThat(deploy("1.1.0").exit()).isZero();

        Cli.Result log = Cli.run("archive", "log", "--archive", archive.toString(), "-o", "json");
        assertThat(log.exit()).as(log.toString()).isZero();
        JsonNode entries = JsonMapper.shared().readTree(log.out());
        assertThat(entries.size()).isEqualTo(2);
        JsonNode newest = entries.get(0);
        assertThat(newest.get("tag").asString()).isEqualTo("1.1.0");
        assertThat(newest.get("action").asString()).isEqualTo("deploy");
        assertThat(newest.get("app").asString()).isEqualTo("campaign-web");
        assertThat(newest.get("env").asString()).isEqualTo("beta");
        assertThat(newest.get("cluster").asString()).isEqualTo(Sandbox.DEFAULT_CONTEXT);
        assertThat(newest.get("result").asString()).isEqualTo("succeeded");
        assertThat(newest.get("user").asString()).isEqualTo(RolloutOptions.user());
        assertThat(newest.get("revision").asInt()).isEqualTo(2);
        assertThat(newest.get("commit").asString()).hasSize(40);
        assertThat(newest.get("folder").asString()).isEqualTo(Sandbox.DEFAULT_CONTEXT + "/promotion-beta/campaign-web");
        String older = entries.get(1).get("commit").asString();
        String newer = newest.get("commit").asString();

        Cli.Result filtered = Cli.run("archive", "log", "--archive", archive.toString(), "--app", "other", "-o", "json");
        assertThat(JsonMapper.shared().readTree(filtered.out()).size()).isZero();
        Cli.Result text = Cli.run("archive", "log", "--archive", archive.toString(), "--env", "beta", "--since", "1h");
        assertThat(text.out().lines().toList()).hasSize(3);
        assertThat(text.out().lines().skip(1).findFirst().orElseThrow()).startsWith(newer.substring(0, 12))
                .contains("deploy", "campaign-web", "beta", "1.1.0", "succeeded");

        Cli.Result diff = Cli.run("archive", "diff", older, newer, "--archive", archive.toString());
        assertThat(diff.exit()).as(diff.toString()).isZero();
        String folder = Sandbox.DEFAULT_CONTEXT + "/promotion-beta/campaign-web/";
        assertThat(diff.out()).contains("--- a/" + folder + "manifests.yaml", "+++ b/" + folder + "manifests.yaml",
                "-        image: registry.example.com/pay/campaign-web:1.0.0",
                "+        image: registry.example.com/pay/campaign-web:1.1.0",
                "-  \"tag\" : \"1.0.0\",", "+  \"tag\" : \"1.1.0\",");

        Cli.Result show = Cli.run("archive", "show", older.substring(0, 10), "--archive", archive.toString());
        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).startsWith("---").contains("image: registry.example.com/pay/campaign-web:1.0.0");
        Cli.Result byApp = Cli.run("archive", "show", "HEAD", "--app", "campaign-web", "--archive", archive.toString());
        assertThat(byApp.out()).startsWith("# " + folder + "manifests.yaml\n---").contains("campaign-web:1.1.0");
    }

    @Test
    void aMissingArchiveAndAnUnknownCommitAreOneLineEach() {
        Cli.Result missing = Cli.run("archive", "log", "--archive", tmp.resolve("none").toString());
        assertThat(missing.exit()).isEqualTo(3);
        assertThat(missing.err()).isEqualTo("error: no archive at " + tmp.resolve("none")
                + " (set --archive or PAYCLI_ARCHIVE)\n");

        assertThat(deploy("1.0.0").exit()).isZero();
        Cli.Result unknown = Cli.run("archive", "diff", "HEAD", "cafe1234", "--archive", archive.toString());
        assertThat(unknown.exit()).isEqualTo(3);
        assertThat(unknown.err()).isEqualTo("error: the archive at " + archive + " has no commit cafe1234\n");
        Cli.Result noApp = Cli.run("archive", "show", "HEAD", "--app", "nothing", "--archive", archive.toString());
        assertThat(noApp.exit()).isEqualTo(3);
        assertThat(noApp.err().lines().toList()).singleElement().asString()
                .isEqualTo("error: the archive at " + archive + " holds no manifests of nothing at HEAD");
    }

    @Test
    void aDeployPushesToTheArchiveRemote() throws Exception {
        Path remote = tmp.resolve("remote.git");
        org.eclipse.jgit.api.Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call()
                .close();

        Cli.Result r = deploy("1.0.0", "--archive-remote", remote.toUri().toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).contains(", pushed to " + remote.toUri()).doesNotContain("warning");
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.open(remote.toFile())) {
            assertThat(git.log().call().iterator().next().getShortMessage())
                    .isEqualTo("deploy campaign-web 1.0.0 to beta (promotion-beta) on " + Sandbox.DEFAULT_CONTEXT
                            + ": succeeded");
        }
    }
}
