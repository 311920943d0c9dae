package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications through bin/paycli: the app's and the organisation's targets (the user config file), a deploy with
 * a target down, its message kept and delivered by a later run, and {@code paycli notify test}; no secret in any
 * output, --verbose included.
 */
class NotifyIT {
    private static final String SLACK_TOKEN = "T0AAA/B0BBB/slackTok3nXYZ";
    private static final String HOOK_TOKEN = "hookTok3nQRS";
    private static final String HMAC_KEY = "hmacK3yLMN";

    @TempDir
    Path home;
    Processes processes;
    SandboxProcess sandbox;
    HttpServer receiver;
    final List<String> received = new CopyOnWriteArrayList<>();
    Path app;

    @BeforeEach
    void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            received.add(exchange.getRequestURI().getPath() + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        processes = new Processes(home);
        sandbox = SandboxProcess.start(processes, home, "--port", "0");
        app = processes.example("web");
        Files.writeString(app.resolve("paycli.yaml"), Files.readString(app.resolve("paycli.yaml"))
                + "notify:\n  - {type: teams, url: '" + url("/workflows/teams") + "', on: [failed]}\n");
        Files.createDirectories(home.resolve(".paycli"));
        Files.writeString(home.resolve(".paycli").resolve("config.yaml"), """
                notify:
                  - {type: slack, urlEnv: SLACK_WEBHOOK_URL}
                  - {type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_KEY}
                """);
        processes.env("KUBECONFIG", sandbox.kubeconfig().toString()).env("PAYCLI_USER", "alice")
                .env("SLACK_WEBHOOK_URL", url("/services/" + SLACK_TOKEN)).env("HOOK_KEY", HMAC_KEY)
                .env("HOOK_URL", "http://127.0.0.1:" + closedPort() + "/hooks/" + HOOK_TOKEN);
    }

    @AfterEach
    void stop() {
        sandbox.close();
        receiver.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private Processes.Run deploy(String tag) throws Exception {
        return processes.paycli("deploy", "-f", app.toString(), "-e", "beta", "-t", tag, "--context",
                "paycli-sandbox", "--create-namespace", "--verbose");
    }

    private static void assertNoSecret(Processes.Run run) {
        assertThat(run.out() + run.err()).as(run.toString())
                .doesNotContain(SLACK_TOKEN, "slackTok3n", HOOK_TOKEN, HMAC_KEY, "/services/", "/hooks/");
    }

    @Test
    void aDeployNotifiesKeepsWhatFailedAndALaterRunDeliversIt() throws Exception {
        Processes.Run first = deploy("1.0.0");

        assertThat(first.exit()).as(first.toString()).isZero();
        assertNoSecret(first);
        assertThat(first.out() + first.err()).contains("notified slack (urlEnv SLACK_WEBHOOK_URL)")
                .contains("webhook (urlEnv HOOK_URL): not delivered after 3 attempt(s) (could not connect")
                .contains("kept in " + home.resolve(".paycli").resolve("outbox"));
        // The app's Teams target takes only failures.
        assertThat(received).singleElement().asString().startsWith("/services/" + SLACK_TOKEN + " {\"text\":"
                + "\"campaign-web in beta: deployed 1.0.0\"");
        List<Path> kept;
        try (var files = Files.list(home.resolve(".paycli").resolve("outbox"))) {
            kept = files.toList();
        }
        assertThat(kept).singleElement().satisfies(f -> assertThat(f.getFileName().toString())
                .doesNotContain(HOOK_TOKEN).endsWith(".json"));

        received.clear();
        processes.env("HOOK_URL", url("/hooks/" + HOOK_TOKEN));
        Processes.Run second = deploy("1.0.1");

        assertThat(second.exit()).as(second.toString()).isZero();
        assertNoSecret(second);
        List<String> hooks = new ArrayList<>(received.stream().filter(r -> r.startsWith("/hooks/")).toList());
        assertThat(hooks).hasSize(2);
        assertThat(hooks.get(0)).contains("\"version\":\"1.0.0\"");
        assertThat(hooks.get(1)).contains("\"version\":\"1.0.1\"");
        try (var files = Files.list(home.resolve(".paycli").resolve("outbox"))) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @Test
    void notifyTestReportsEachTargetAndFailsWhenOneIsDown() throws Exception {
        Processes.Run run = processes.paycli("notify", "test", "-f", app.toString(), "-e", "beta", "--verbose");

        assertThat(run.exit()).as(run.toString()).isEqualTo(5);
        assertNoSecret(run);
        String config = " [" + home.resolve(".paycli").resolve("config.yaml") + "]";
        assertThat(run.out().lines().toList()).as(run.toString()).containsExactly(
                "ok      teams (url at 127.0.0.1:" + receiver.getAddress().getPort() + ")",
                "ok      slack (urlEnv SLACK_WEBHOOK_URL)" + config,
                "failed  webhook (urlEnv HOOK_URL)" + config + ": could not connect (3 attempts)",
                "1 of 3 target(s) did not receive the sample message");
        assertThat(received).hasSize(2).allMatch(r -> r.contains("paycli notify test: campaign-web in beta"));

        processes.env("HOOK_URL", url("/hooks/" + HOOK_TOKEN));
        Processes.Run ok = processes.paycli("notify", "test", "-f", app.toString());
        assertThat(ok.exit()).as(ok.toString()).isZero();
        assertThat(ok.out()).endsWith("all 3 target(s) received the sample message\n");
    }
}
