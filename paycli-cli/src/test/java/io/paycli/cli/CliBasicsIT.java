package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/paycli on the shaded jar: --version, init, render --output-dir and a user's mistakes, as a user runs them. */
class CliBasicsIT {
    @TempDir
    Path tmp;
    Processes processes;

    @BeforeEach
    void setUp() {
        processes = new Processes(tmp);
    }

    @Test
    void versionNamesTheProjectVersionAndTheCommitOfTheBuild() throws Exception {
        Processes.Run r = processes.paycli("--version");

        assertThat(r.exit()).as(r.toString()).isZero();
        String commit = headCommit();
        String expected = "paycli " + System.getProperty("paycli.version") + " ("
                + (commit.isEmpty() ? "unknown commit" : "commit " + commit);
        assertThat(r.out()).startsWith(expected);
        assertThat(r.out().lines().toList()).hasSize(1);
    }

    @Test
    void renderOutputDirHoldsOnlyTheLatestRender() throws Exception {
        Path app = processes.example("web");
        Path out = tmp.resolve("out");
        Processes.Run release = processes.paycli("render", "-f", app.toString(), "-e", "release", "-t", "1.0.0",
                "--output-dir", out.toString());
        assertThat(release.exit()).as(release.toString()).isZero();

        Processes.Run beta = processes.paycli("render", "-f", app.toString(), "-e", "beta", "-t", "2.0.0",
                "--output-dir", out.toString());

        assertThat(beta.exit()).as(beta.toString()).isZero();
        List<Path> files = yamlFiles(out);
        assertThat(files).hasSize(beta.out().lines().toList().size());
        for (Path file : files) {
            assertThat(Files.readString(file)).contains("paycli.io/env: beta").doesNotContain("paycli.io/env: release");
        }

        Files.writeString(out.resolve("mine.yaml"), "mine: true\n");
        Processes.Run refused = processes.paycli("render", "-f", app.toString(), "-e", "beta", "-t", "3.0.0",
                "--output-dir", out.toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.err().lines().toList()).containsExactly("error: --output-dir " + out
                + " holds files paycli did not write (mine.yaml); choose an empty or new directory");
        assertThat(yamlFiles(out)).hasSize(files.size() + 1);
    }

    @Test
    void initKeepsTheUsersFiles() throws Exception {
        Path own = Files.createDirectories(tmp.resolve("shop/config/common")).resolve("application.yaml");
        Files.writeString(own, "mine: true\n");

        Processes.Run r = processes.paycli("init", "--type", "web", "--app", "shop", "--dir", tmp.resolve("shop").toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(own).hasContent("mine: true\n");
        assertThat(r.out()).contains("kept " + own);
    }

    @Test
    void theSandboxOnABusyPortExitsTwoWithOneLine() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Processes.Run r = processes.paycli("sandbox", "--port", String.valueOf(busy.getLocalPort()));
            assertThat(r.exit()).as(r.toString()).isEqualTo(2);
            assertThat(r.err().lines().toList()).containsExactly("error: port " + busy.getLocalPort()
                    + " on 127.0.0.1 is in use; stop what uses it, or choose another --port (0 picks a free one)");
        }
    }

    @Test
    void aGarbageKubeconfigIsNamedInOneLine() throws Exception {
        Path app = processes.example("web");
        Path kubeconfig = Files.writeString(tmp.resolve("kubeconfig"), "garbage: [\n  x: {\n");

        Processes.Run r = processes.paycli("diff", "-f", app.toString(), "-e", "beta", "-t", "1.0.0",
                "--kubeconfig", kubeconfig.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        // The first line names the target, as for every command that talks to a cluster; then the one error line.
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("==> target: campaign-web (beta)");
        assertThat(lines.get(1)).startsWith("error: cannot read the kubeconfig " + kubeconfig + ": not valid YAML");
    }

    private static List<Path> yamlFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    /** The commit of the checkout this test runs in, as git names it; empty without git. */
    private static String headCommit() throws IOException, InterruptedException {
        Process git;
        try {
            git = new ProcessBuilder("git", "-C", Processes.ROOT.toString(), "rev-parse", "--short=12", "HEAD")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException noGit) {
            return "";
        }
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return git.exitValue() == 0 ? out : "";
    }
}
