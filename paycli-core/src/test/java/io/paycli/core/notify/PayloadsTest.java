package io.paycli.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.Release.Result;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What each web channel receives, on a real local HTTP server. */
class PayloadsTest {
    @TempDir
    Path tmp;
    HookServer server;
    final List<DeployEvent> events = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new HookServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private NotifySink sink(Map<String, String> env) {
        return new NotifySink(List.of(), env::get, new NotifySettings(Duration.ofSeconds(5), 3,
                Duration.ofMillis(20), tmp.resolve("outbox")), Clock.systemUTC());
    }

    private JsonNode onlyBody() {
        assertThat(server.requests).hasSize(1);
        assertThat(server.requests.get(0).method()).isEqualTo("POST");
        assertThat(server.requests.get(0).header("Content-Type")).startsWith("application/json");
        return JsonMapper.shared().readTree(server.requests.get(0).body());
    }

    @Test
    void slackGetsATextAndBlocksNamingEverything() {
        sink(Map.of("SLACK_WEBHOOK_URL", server.url("/services/T0/B0/x")))
                .released(Steps.deploy(Result.ROLLED_BACK, List.of(Steps.web("slack", "SLACK_WEBHOOK_URL"))),
                        events::add);

        JsonNode body = onlyBody();
        assertThat(server.requests.get(0).path()).isEqualTo("/services/T0/B0/x");
        assertThat(body.path("text").asString())
                .isEqualTo("campaign-web in beta: deploy of 1.2.0 failed and was rolled back");
        JsonNode blocks = body.path("blocks");
        assertThat(blocks.get(0).path("text").path("type").asString()).isEqualTo("mrkdwn");
        String fields = blocks.get(1).path("fields").toString();
        assertThat(fields).contains("*Result*\\nrolled back", "*Version*\\n1.2.0 (revision 4)",
                "*In place*\\n1.1.0 (revision 3)", "*Duration*\\n42s", "*By*\\nalice", "*Template*\\nweb@1.3.0",
                "*Where*\\ntw-beta / promotion-beta", "*Archive commit*\\n9f8e7d6c5b4a",
                "ProgressDeadlineExceeded");
        assertThat(blocks.get(2).path("elements").get(0).path("text").asString()).matches(
                "paycli deploy · id [0-9a-f-]{36}");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.DONE);
            assertThat(e.message()).isEqualTo("notified slack (urlEnv SLACK_WEBHOOK_URL)");
        });
    }

    @Test
    void teamsGetsAMessageWithAnAdaptiveCard() {
        sink(Map.of("TEAMS_URL", server.url("/workflows/run"))).released(
                Steps.deploy(Result.SUCCEEDED, List.of(Steps.web("teams", "TEAMS_URL"))), events::add);

        JsonNode body = onlyBody();
        assertThat(body.path("type").asString()).isEqualTo("message");
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        JsonNode card = attachment.path("content");
        assertThat(card.path("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(card.path("version").asString()).isEqualTo("1.4");
        assertThat(card.path("body").get(0).path("text").asString()).isEqualTo("campaign-web in beta: deployed 1.2.0");
        assertThat(card.path("body").get(0).path("color").asString()).isEqualTo("Good");
        JsonNode facts = card.path("body").get(1);
        assertThat(facts.path("type").asString()).isEqualTo("FactSet");
        assertThat(facts.path("facts").toString()).contains("{\"title\":\"Version\",\"value\":\"1.2.0 (revision 4)\"}",
                "{\"title\":\"By\",\"value\":\"alice\"}", "{\"title\":\"Template\",\"value\":\"web@1.3.0\"}");
        assertThat(card.path("body").get(2).path("text").asString()).matches("paycli deploy · id [0-9a-f-]{36}");
    }

    @Test
    void theWebhookGetsTheMessageAsJsonSignedWithItsKey() {
        NotifyTarget hook = new NotifyTarget("webhook", server.url("/paycli"), null, "HOOK_KEY", null, null, null,
                null, NotifyTarget.DEFAULT_SMTP_PORT, null, null, true);
        sink(Map.of("HOOK_KEY", "k3y")).released(Steps.deploy(Result.SUCCEEDED, List.of(hook)), events::add);

        JsonNode body = onlyBody();
        HookServer.Request request = server.requests.get(0);
        assertThat(request.header("X-Paycli-Signature"))
                .isEqualTo("sha256=" + WebhookNotifier.hmac("k3y", request.body()))
                .matches("sha256=[0-9a-f]{64}");
        assertThat(request.header("X-Paycli-Delivery")).isEqualTo(body.path("id").asString()).hasSize(36);
        assertThat(request.header("X-Paycli-Event")).isEqualTo("succeeded");
        assertThat(body.path("event").asString()).isEqualTo("succeeded");
        assertThat(body.path("action").asString()).isEqualTo("deploy");
        assertThat(body.path("app").asString()).isEqualTo("campaign-web");
        assertThat(body.path("env").asString()).isEqualTo("beta");
        assertThat(body.path("version").asString()).isEqualTo("1.2.0");
        assertThat(body.path("revision").asInt()).isEqualTo(4);
        assertThat(body.path("result").asString()).isEqualTo("succeeded");
        assertThat(body.path("durationMillis").asLong()).isEqualTo(42_000);
        assertThat(body.path("user").asString()).isEqualTo("alice");
        assertThat(body.path("template").asString()).isEqualTo("web");
        assertThat(body.path("templateVersion").asString()).isEqualTo("1.3.0");
        assertThat(body.path("archiveCommit").asString()).isEqualTo("9f8e7d6c5b4a");
        assertThat(body.path("cluster").asString()).isEqualTo("tw-beta");
        assertThat(body.path("test").asBoolean()).isFalse();
    }

    @Test
    void anUnsignedWebhookHasNoSignatureHeader() {
        NotifyTarget hook = new NotifyTarget("webhook", server.url("/paycli"), null);
        sink(Map.of()).released(Steps.deploy(Result.SUCCEEDED, List.of(hook)), events::add);

        assertThat(server.requests).singleElement().satisfies(r -> {
            assertThat(r.header("X-Paycli-Signature")).isNull();
            assertThat(r.header("X-Paycli-Delivery")).hasSize(36);
        });
    }

    @Test
    void theOnFilterChoosesTheEventsATargetGets() {
        NotifyTarget failuresOnly = new NotifyTarget("webhook", server.url("/failures"), null, null,
                java.util.Set.of(NotifyTarget.Event.FAILED, NotifyTarget.Event.ROLLED_BACK), null, null, null,
                NotifyTarget.DEFAULT_SMTP_PORT, null, null, true);
        NotifyTarget everything = new NotifyTarget("webhook", server.url("/all"), null);
        NotifySink sink = new NotifySink(List.of(everything), Map.<String, String>of()::get, new NotifySettings(
                Duration.ofSeconds(5), 1, Duration.ZERO, tmp.resolve("outbox")), Clock.systemUTC());

        sink.released(Steps.deploy(Result.SUCCEEDED, List.of(failuresOnly)), events::add);
        sink.released(Steps.deploy(Result.ROLLED_BACK, List.of(failuresOnly)), events::add);

        assertThat(server.requests).extracting(HookServer.Request::path)
                .containsExactlyInAnyOrder("/all", "/all", "/failures");
    }

    @Test
    void theSameTargetInTheAppAndTheOrganisationGetsOneMessage() {
        NotifyTarget hook = new NotifyTarget("webhook", server.url("/paycli"), null);
        NotifySink sink = new NotifySink(List.of(hook), Map.<String, String>of()::get, new NotifySettings(
                Duration.ofSeconds(5), 1, Duration.ZERO, tmp.resolve("outbox")), Clock.systemUTC());

        sink.released(Steps.deploy(Result.SUCCEEDED, List.of(hook)), events::add);

        assertThat(server.requests).hasSize(1);
    }

    @Test
    void aRunInCiLinksToItsJobOnEveryChannel() {
        Map<String, String> env = Map.of("GITHUB_SERVER_URL", "https://github.example.com",
                "GITHUB_REPOSITORY", "pay/campaign-web", "GITHUB_RUN_ID", "4242", "TEAMS_URL",
                server.url("/workflows/run"), "HOOK_URL", server.url("/hook"));
        String job = "https://github.example.com/pay/campaign-web/actions/runs/4242";

        sink(env).released(Steps.deploy(Result.SUCCEEDED, List.of(Steps.web("teams", "TEAMS_URL"),
                Steps.web("webhook", "HOOK_URL"))), events::add);

        assertThat(server.requests).hasSize(2);
        for (HookServer.Request r : server.requests) {
            JsonNode body = JsonMapper.shared().readTree(r.body());
            if (r.path().equals("/hook")) {
                assertThat(body.path("logs").asString()).isEqualTo(job);
            } else {
                JsonNode card = body.path("attachments").get(0).path("content");
                assertThat(card.path("actions").get(0).path("type").asString()).isEqualTo("Action.OpenUrl");
                assertThat(card.path("actions").get(0).path("url").asString()).isEqualTo(job);
                assertThat(card.path("body").get(1).toString()).contains("{\"title\":\"Logs\",\"value\":\"" + job);
            }
        }
    }

    @Test
    void theLinkIsPaycliLogsUrlElseTheCiSystemsJobPageElseNone() {
        assertThat(CiLogs.url(Map.of("PAYCLI_LOGS_URL", "https://ci.example.com/x", "CI_JOB_URL",
                "https://gitlab.example.com/pay/web/-/jobs/7")::get)).isEqualTo("https://ci.example.com/x");
        assertThat(CiLogs.url(Map.of("CI_JOB_URL", "https://gitlab.example.com/pay/web/-/jobs/7")::get))
                .isEqualTo("https://gitlab.example.com/pay/web/-/jobs/7");
        assertThat(CiLogs.url(Map.of("BUILD_URL", "https://jenkins.example.com/job/web/12/")::get))
                .isEqualTo("https://jenkins.example.com/job/web/12/");
        assertThat(CiLogs.url(Map.of("GITHUB_REPOSITORY", "pay/web", "GITHUB_RUN_ID", "1")::get)).isNull();
        assertThat(CiLogs.url(Map.of("BUILD_URL", "javascript:alert(1)")::get)).isNull();
        assertThat(CiLogs.url(Map.<String, String>of()::get)).isNull();
    }
}
