package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trail one deploy leaves, through bin/paycli: the YAML it shows, the archive commit it makes and pushes, and the
 * webhook it calls, all naming the same bytes and commit; kubectl judges what reached the sandbox.
 */
class ReleaseTrailIT {
    @TempDir
    Path home;
    Processes processes;
    SandboxProcess sandbox;
    HttpServer receiver;
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        processes = new Processes(home);
        sandbox = SandboxProcess.start(processes, home, "--port", "0");
        processes.env("KUBECONFIG", sandbox.kubeconfig().toString()).env("PAYCLI_USER", "alice");
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    @Test
    void aDeployShowsItsYamlArchivesAndPushesTheSameBytesAndNotifiesWithTheCommit() throws Exception {
        Path app = processes.example("web");
        Files.writeString(app.resolve("paycli.yaml"), Files.readString(app.resolve("paycli.yaml"))
                + "notify:\n  - {type: webhook, url: 'http://127.0.0.1:" + receiver.getAddress().getPort()
                + "/hooks/deploys'}\n");
        Path archive = home.resolve("archive");
        Path remote = home.resolve("remote.git");
        Git.init().setBare(true).setDirectory(remote.toFile()).call().close();

        Processes.Run deploy = processes.paycli("deploy", "-f", app.toString(), "-e", "beta", "-t", "1.0.0",
                "--context", "paycli-sandbox", "--create-namespace", "--show-manifests", "--archive",
                archive.toString(), "--archive-remote", remote.toUri().toString());

        assertThat(deploy.exit()).as(deploy.toString()).isZero();
        List<String> out = deploy.out().lines().toList();
        assertThat(out.get(0)).startsWith("# campaign-web 1.0.0 to beta (promotion-beta)");
        String shown = String.join("\n", out.subList(1, out.size() - 1)) + "\n";
        assertThat(sandbox.kubectlOut("get", "deployment", "campaign-web", "-n", "promotion-beta", "-o",
                "jsonpath={.spec.template.spec.containers[0].image}")).endsWith(":1.0.0");

        String commit;
        try (Git git = Git.open(archive.toFile())) {
            RevCommit head = git.log().setMaxCount(1).call().iterator().next();
            commit = head.getName();
            assertThat(head.getFullMessage()).startsWith("deploy campaign-web 1.0.0 to beta (promotion-beta) on"
                    + " paycli-sandbox: succeeded");
            assertThat(head.getAuthorIdent().getName()).isEqualTo("alice");
        }
        Path manifests = archive.resolve("paycli-sandbox").resolve("promotion-beta").resolve("campaign-web")
                .resolve("manifests.yaml");
        assertThat(Files.readString(manifests)).isEqualTo(shown);
        try (Git bare = Git.open(remote.toFile())) {
            assertThat(bare.getRepository().getRefDatabase().getRefsByPrefix(Constants.R_HEADS))
                    .as("pushed").anySatisfy(ref -> assertThat(ref.getObjectId().getName()).isEqualTo(commit));
        }
        assertThat(received).singleElement().asString().contains("\"version\"", "1.0.0", commit);
    }
}
