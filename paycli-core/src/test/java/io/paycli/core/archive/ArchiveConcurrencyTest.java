package io.paycli.core.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two processes archive 20 deploys each, at once, into one archive with a shared remote. */
class ArchiveConcurrencyTest {
    private static final int STEPS = 20;

    @TempDir
    Path tmp;

    @Test
    void twoProcessesLoseNoCommitAndLeaveBothRepositoriesSound() throws Exception {
        Path archive = tmp.resolve("archive");
        Path remote = tmp.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();

        Process web = start(archive, remote, "campaign-web");
        Process worker = start(archive, remote, "worker");
        List<String> commits = new ArrayList<>();
        commits.addAll(finish(web));
        commits.addAll(finish(worker));

        assertThat(commits).hasSize(2 * STEPS).doesNotHaveDuplicates();
        List<RevCommit> local = Steps.commits(archive);
        List<RevCommit> pushed = Steps.commits(remote);
        assertThat(local).hasSize(2 * STEPS);
        assertThat(pushed).extracting(RevCommit::name).containsExactlyElementsOf(local.stream()
                .map(RevCommit::name).toList());
        Set<String> history = new HashSet<>(pushed.stream().map(RevCommit::name).toList());
        assertThat(history).containsAll(commits);
        assertThat(Steps.file(remote, "main", "prod-tw/promotion/campaign-web/manifests.yaml"))
                .contains(":1.0." + STEPS);
        assertThat(Steps.file(remote, "main", "prod-tw/promotion/worker/manifests.yaml")).contains(":1.0." + STEPS);
        assertThat(fsck(archive)).isEmpty();
        assertThat(fsck(remote)).isEmpty();
        try (Git git = Git.open(archive.toFile())) {
            assertThat(git.status().call().isClean()).isTrue();
        }
    }

    private Process start(Path archive, Path remote, String app) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                ArchiveWriterProcess.class.getName(), archive.toString(), remote.toUri().toString(), app,
                String.valueOf(STEPS)).redirectError(tmp.resolve(app + ".err").toFile()).start();
    }

    private List<String> finish(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String err = "";
        for (Path file : List.of(tmp.resolve("campaign-web.err"), tmp.resolve("worker.err"))) {
            err += Files.exists(file) ? Files.readString(file) : "";
        }
        assertThat(process.exitValue()).as(out + err).isZero();
        return out.lines().toList();
    }

    /** What {@code git fsck --full} finds wrong; empty for a sound repository. */
    private static String fsck(Path repository) throws Exception {
        Process git = new ProcessBuilder("git", "-C", repository.toString(), "fsck", "--full", "--strict")
                .redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.startsWith("Checking") && !l.isBlank()).reduce("", (a, b) -> a + b + "\n");
    }
}
