package io.paycli.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.Release.Result;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A receiver that never answers costs no more than the timeouts; no secret shows anywhere. */
class BoundsAndSecretsTest {
    @TempDir
    Path tmp;
    final List<DeployEvent> events = new ArrayList<>();

    @Test
    void aServerThatNeverAnswersCostsItsTimeoutPerAttempt() throws Exception {
        try (HookServer silent = new HookServer().hang()) {
            NotifySettings settings = new NotifySettings(Duration.ofMillis(300), 2, Duration.ofMillis(50),
                    tmp.resolve("outbox"));
            NotifySink sink = new NotifySink(List.of(new NotifyTarget("slack", silent.url("/hook"), null)),
                    Map.<String, String>of()::get, settings, Clock.systemUTC());

            long start = System.nanoTime();
            sink.released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(silent.requests).hasSize(2);
            assertThat(settings.bound()).isEqualTo(Duration.ofMillis(650));
            // The bound, with room for a slow machine, but far below what a send without a timeout would take.
            assertThat(took).isLessThan(Duration.ofSeconds(5));
            assertThat(events).singleElement().satisfies(e -> assertThat(e.message())
                    .isEqualTo("slack (url at " + silent.url("").replace("http://", "") + "): not delivered after 2"
                            + " attempt(s) (no answer within 300ms); kept in " + tmp.resolve("outbox")
                            + " for a later run"));
        }
    }

    @Test
    void noSecretAppearsInEventsOrTheOutboxFileNames() throws Exception {
        String slackToken = "T0SECRET/B0SECRET/slackTokenXyz";
        String hookToken = "hookPathToken123";
        String hmacKey = "hmacKey-9876";
        String password = "smtpPass-5555";
        int closed = closedPort();
        GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort()).withConfiguration(
                GreenMailConfiguration.aConfig().withUser("ops@example.com", "mailer", "other-password"));
        smtp.start();
        try (HookServer echo = new HookServer()) {
            String hookUrl = echo.url("/hooks/" + hookToken);
            // A receiver that quotes the request in its error, as some proxies do.
            echo.answer(500, 500).answerBody("upstream failed for " + hookUrl + " " + hmacKey);
            Map<String, String> env = Map.of(
                    "SLACK_WEBHOOK_URL", "http://127.0.0.1:" + closed + "/services/" + slackToken,
                    "TEAMS_URL", "not a url " + hookToken,
                    "HOOK_URL", hookUrl, "HOOK_KEY", hmacKey,
                    "SMTP_USER", "mailer", "SMTP_PASSWORD", password);
            List<NotifyTarget> targets = List.of(
                    Steps.web("slack", "SLACK_WEBHOOK_URL"),
                    Steps.web("teams", "TEAMS_URL"),
                    new NotifyTarget("webhook", null, "HOOK_URL", "HOOK_KEY", null, null, null, null, 587, null,
                            null, true),
                    Steps.web("webhook", "UNSET_URL"),
                    new NotifyTarget("email", null, null, null, null, List.of("ops@example.com"), null, "127.0.0.1",
                            smtp.getSmtp().getPort(), "SMTP_USER", "SMTP_PASSWORD", false));
            NotifySink sink = new NotifySink(targets, env::get, new NotifySettings(Duration.ofSeconds(2), 2,
                    Duration.ofMillis(20), tmp.resolve("outbox")), Clock.systemUTC());

            sink.released(Steps.deploy(Result.ROLLED_BACK, List.of()), events::add);
            sink.released(Steps.deploy(Result.SUCCEEDED, List.of()), events::add);
        } finally {
            smtp.stop();
        }

        List<String> shown = new ArrayList<>(events.stream().map(DeployEvent::toString).toList());
        try (Stream<Path> files = Files.list(tmp.resolve("outbox"))) {
            files.forEach(f -> shown.add(f.getFileName().toString()));
        }
        assertThat(events).hasSizeGreaterThanOrEqualTo(5);
        assertThat(String.join("\n", shown)).doesNotContain(slackToken, "slackTokenXyz", hookToken, hmacKey, password,
                "/services/", "/hooks/");
        assertThat(events).extracting(DeployEvent::message)
                .anyMatch(m -> m.startsWith("slack (urlEnv SLACK_WEBHOOK_URL): not delivered after 2 attempt(s)"
                        + " (could not connect"))
                .anyMatch(m -> m.equals("teams (urlEnv TEAMS_URL): not delivered: the value of TEAMS_URL is not a"
                        + " valid URL"))
                .anyMatch(m -> m.startsWith("webhook (urlEnv HOOK_URL): not delivered after 2 attempt(s) (HTTP 500"
                        + " upstream failed for *** ***)"))
                .anyMatch(m -> m.startsWith("webhook (urlEnv UNSET_URL): not delivered after 2 attempt(s) (the"
                        + " environment variable UNSET_URL is not set)"))
                .anyMatch(m -> m.startsWith("email (127.0.0.1:") && m.contains("refused the user and password"));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
