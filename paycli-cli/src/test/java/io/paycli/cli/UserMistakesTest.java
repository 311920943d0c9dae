package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's mistake is never an internal error: one line that says what to do, exit 2, 3 or 4. */
class UserMistakesTest {
    @TempDir
    Path tmp;

    private static void oneLine(Cli.Result r, int exit, String line) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
        assertThat(errorLines(r)).as(r.toString()).containsExactly(line);
    }

    /** stderr without the first line of a command that talks to a cluster, which names its target. */
    private static List<String> errorLines(Cli.Result r) {
        return r.err().lines().filter(l -> !l.startsWith("==> target: ")).toList();
    }

    @Test
    void aGarbageKubeconfigIsNamedWithItsPath() throws IOException {
        Path app = Examples.copy("web", tmp.resolve("web"));
        Path kubeconfig = Files.writeString(tmp.resolve("config"), "garbage: [\n  x: {\n");

        Cli.Result r = Cli.run("diff", "-f", app.toString(), "-e", "beta", "-t", "1.0.0", "--kubeconfig",
                kubeconfig.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(errorLines(r)).as(r.toString()).singleElement().asString()
                .startsWith("error: cannot read the kubeconfig " + kubeconfig + ": not valid YAML");
    }

    @Test
    void aKubeconfigOfTheWrongShapeIsNamedWithItsPath() throws IOException {
        Path app = Examples.copy("web", tmp.resolve("web"));
        Path kubeconfig = Files.writeString(tmp.resolve("config"), "apiVersion: v1\nkind: Config\nclusters: 5\n");

        Cli.Result r = Cli.run("diff", "-f", app.toString(), "-e", "beta", "-t", "1.0.0", "--kubeconfig",
                kubeconfig.toString());

        assertThat(r.exit()).as(r.toString()).isEqualTo(4);
        assertThat(errorLines(r)).as(r.toString()).singleElement().asString()
                .startsWith("error: cannot read the kubeconfig " + kubeconfig + ": not a kubeconfig");
    }

    @Test
    void aKubeconfigUnderAMissingDirectoryIsNamed() {
        Path app = Examples.copy("web", tmp.resolve("web"));
        Path kubeconfig = tmp.resolve("missing").resolve("config");

        Cli.Result r = Cli.run("diff", "-f", app.toString(), "-e", "beta", "-t", "1.0.0", "--kubeconfig",
                kubeconfig.toString());

        oneLine(r, 4, "error: the kubeconfig " + kubeconfig + " does not exist");
    }

    @Test
    void theSandboxOnABusyPortSaysSo() throws IOException {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = busy.getLocalPort();
            Cli.Result r = Cli.run("sandbox", "--port", String.valueOf(port), "--kubeconfig",
                    tmp.resolve("sandbox.kubeconfig").toString());
            oneLine(r, 2, "error: port " + port + " on 127.0.0.1 is in use; stop what uses it, or choose another"
                    + " --port (0 picks a free one)");
        }
    }

    @Test
    void theSandboxKubeconfigUnderAMissingDirectoryIsRefused() {
        Path file = tmp.resolve("missing").resolve("sandbox.kubeconfig");
        Cli.Result r = Cli.run("sandbox", "--port", "0", "--kubeconfig", file.toString());
        oneLine(r, 3, "error: --kubeconfig " + file + ": " + file.getParent()
                + " does not exist; create it first or choose another directory");
    }
}
