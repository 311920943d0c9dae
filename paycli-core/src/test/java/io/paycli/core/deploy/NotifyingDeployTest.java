package io.paycli.core.deploy;

import static io.paycli.core.deploy.SandboxFixture.options;
import static io.paycli.core.deploy.SandboxFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.archive.ArchiveSettings;
import io.paycli.core.archive.ArchiveSink;
import io.paycli.core.cluster.KubeconfigConnector;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.DeployEvent.Step;
import io.paycli.core.model.Release.Result;
import io.paycli.core.notify.NotifySettings;
import io.paycli.core.notify.NotifySink;
import io.paycli.core.template.Catalog;
import io.paycli.core.template.TemplateEngine;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy through DeployService with the archive and notification sinks, against the sandbox, while the archive's
 * remote and every notification target are down: the deploy succeeds, and the two cost no more than their timeouts
 * allow.
 */
class NotifyingDeployTest {
    @TempDir
    Path tmp;
    SandboxFixture cluster;
    Path web;
    ServerSocket silent;
    final List<Socket> accepted = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        cluster = new SandboxFixture(tmp);
        cluster.createNamespace("promotion-beta");
        web = SandboxFixture.copyExample("web", tmp.resolve("web"));
        // Accepts connections and never says a word: an SMTP server or web endpoint that hangs.
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    accepted.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void stop() throws IOException {
        silent.close();
        for (Socket s : accepted) {
            s.close();
        }
        cluster.close();
    }

    @Test
    void aDeployWithTheArchiveRemoteAndEveryTargetDownSucceedsWithinTheTimeouts() throws Exception {
        int refused;
        try (ServerSocket s = new ServerSocket(0)) {
            refused = s.getLocalPort();
        }
        String hanging = "http://127.0.0.1:" + silent.getLocalPort();
        Files.writeString(web.resolve("paycli.yaml"), Files.readString(web.resolve("paycli.yaml")) + """
                notify:
                  - {type: slack, urlEnv: SLACK_WEBHOOK_URL}
                  - {type: teams, url: '%s/workflows'}
                  - {type: email, to: [ops@example.com], smtpHost: 127.0.0.1, smtpPort: %d, starttls: false}
                """.formatted(hanging, silent.getLocalPort()));
        NotifySettings settings = new NotifySettings(Duration.ofMillis(500), 2, Duration.ofMillis(100),
                tmp.resolve("outbox"));
        NotifySink notify = new NotifySink(
                List.of(new io.paycli.core.model.NotifyTarget("webhook", "http://127.0.0.1:" + refused + "/hook",
                        null)),
                Map.of("SLACK_WEBHOOK_URL", hanging + "/services/x")::get, settings, Clock.systemUTC());
        // The remote answers nothing: the push (and the fetch that looks for its history) waits out its timeout.
        ArchiveSettings archiveSettings = ArchiveSettings.local(tmp.resolve("archive"))
                .withRemote(hanging + "/platform/archive.git").withPushTimeout(Duration.ofSeconds(1));
        ArchiveSink archive = new ArchiveSink(archiveSettings);
        long[] inSinks = new long[1];
        ReleaseSink timed = (published, events) -> {
            long start = System.nanoTime();
            Published out = notify.released(archive.released(published, events), events);
            inSinks[0] = System.nanoTime() - start;
            return out;
        };
        DeployService service = new DeployService(Catalog::builtin, new TemplateEngine(),
                new KubeconfigConnector(cluster.kubeconfig), List.of(timed), Clock.systemUTC());

        DeployResult result = service.deploy(request(web, "beta", "1.0.0"), options(), cluster.events::add);

        assertThat(result.release().result()).isEqualTo(Result.SUCCEEDED);
        String commit;
        try (Git git = Git.open(tmp.resolve("archive").toFile())) {
            commit = git.getRepository().resolve("HEAD").name();
        }
        assertThat(cluster.events).filteredOn(e -> e.step() == Step.ARCHIVE && e.kind() == Kind.WARNING)
                .extracting(DeployEvent::message).last().asString()
                .isEqualTo("the commit stays local and the next archive write pushes it");
        List<String> warnings = cluster.events.stream()
                .filter(e -> e.step() == Step.NOTIFY && e.kind() == Kind.WARNING).map(DeployEvent::message).toList();
        assertThat(warnings).hasSize(4).allMatch(w -> w.contains("kept in " + tmp.resolve("outbox")));
        try (var kept = Files.list(tmp.resolve("outbox"))) {
            // each kept message names the local commit, which the next run pushes
            assertThat(kept.toList()).hasSize(4)
                    .allSatisfy(f -> assertThat(Files.readString(f)).contains("\"archiveCommit\":\"" + commit));
        }
        // The archive waits on its dead remote once (its timeout; a connect and a read at most), and all four
        // targets are tried at once: one target's bound (1.1 s), not four.
        assertThat(settings.bound()).isEqualTo(Duration.ofMillis(1100));
        assertThat(Duration.ofNanos(inSinks[0])).isLessThan(Duration.ofSeconds(2 + 1).plus(settings.bound()));
    }
}
