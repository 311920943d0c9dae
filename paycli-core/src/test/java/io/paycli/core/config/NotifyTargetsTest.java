package io.paycli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InputErrors;
import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.NotifyTarget.Event;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code notify:} entries of paycli.yaml: every key read, and the mistakes named at their line. */
class NotifyTargetsTest {
    private static final Path FILE = Path.of("app", "paycli.yaml");
    private static final String APP = """
            app: campaign-web
            template: web
            image: registry.example.com/pay/campaign-web
            environments:
              beta: {context: beta, namespace: promotion-beta}
            notify:
            """;

    private List<NotifyTarget> load(String notify) {
        return new ConfigLoader().parse(APP + notify, FILE).notifyTargets();
    }

    @Test
    void readsEveryKindWithItsDefaults() {
        List<NotifyTarget> targets = load("""
                  - {type: slack, urlEnv: SLACK_WEBHOOK_URL, on: [failed, rolled_back]}
                  - {type: teams, url: 'https://teams.example.com/workflows/abc?sig=s3cr3t'}
                  - {type: webhook, urlEnv: HOOK_URL, secretEnv: HOOK_KEY}
                  - type: email
                    to: [ops@example.com, pay@example.com]
                    from: paycli@example.com
                    smtpHost: smtp.example.com
                    usernameEnv: SMTP_USER
                    passwordEnv: SMTP_PASSWORD
                  - {type: email, to: [ops@example.com], smtpHost: localhost, smtpPort: 2525, starttls: false}
                """);

        assertThat(targets).hasSize(5);
        assertThat(targets.get(0).on()).containsExactlyInAnyOrder(Event.FAILED, Event.ROLLED_BACK);
        assertThat(targets.get(0).wants(Event.SUCCEEDED)).isFalse();
        assertThat(targets.get(1).on()).containsExactlyInAnyOrder(Event.values());
        assertThat(targets.get(2).secretEnv()).isEqualTo("HOOK_KEY");
        NotifyTarget mail = targets.get(3);
        assertThat(mail.to()).containsExactly("ops@example.com", "pay@example.com");
        assertThat(mail.smtpPort()).isEqualTo(587);
        assertThat(mail.starttls()).isTrue();
        assertThat(mail.usernameEnv()).isEqualTo("SMTP_USER");
        assertThat(targets.get(4).smtpPort()).isEqualTo(2525);
        assertThat(targets.get(4).starttls()).isFalse();
    }

    @Test
    void aTargetIsNamedWithoutItsSecret() {
        List<NotifyTarget> targets = load("""
                  - {type: slack, urlEnv: SLACK_WEBHOOK_URL}
                  - {type: teams, url: 'https://teams.example.com:8443/workflows/abc?sig=s3cr3t'}
                  - {type: email, to: [ops@example.com], smtpHost: smtp.example.com}
                """);

        assertThat(targets).extracting(NotifyTarget::describe).containsExactly(
                "slack (urlEnv SLACK_WEBHOOK_URL)", "teams (url at teams.example.com:8443)",
                "email (smtp.example.com:587 to ops@example.com)");
    }

    @Test
    void eachMistakeIsNamedAtItsLine() {
        assertThatThrownBy(() -> load("  - {type: slack}\n"))
                .hasMessage(FILE + ":7: notify[0]: url or urlEnv is required: the endpoint, or the environment"
                        + " variable holding it when it is a secret");
        assertThatThrownBy(() -> load("  - {type: webhook, url: 'https://a.example.com', urlEnv: HOOK}\n"))
                .hasMessageContaining(FILE + ":7: notify[0]: give url or urlEnv, not both");
        assertThatThrownBy(() -> load("  - {type: pager, url: 'https://a.example.com'}\n"))
                .hasMessage(FILE + ":7: notify[0].type: must be one of: slack, teams, webhook, email");
        assertThatThrownBy(() -> load("  - {type: slack, urlEnv: SLACK, on: [deployed]}\n"))
                .hasMessageContaining(FILE + ":7: notify[0].on[0]: must be one of: succeeded, failed, rolled_back,");
        assertThatThrownBy(() -> load("  - {type: slack, urlEnv: SLACK, smtpHost: smtp.example.com}\n"))
                .hasMessage(FILE + ":7: notify[0].smtpHost: not used by type slack");
    }

    @Test
    void anEmailTargetNeedsRecipientsAndAServer() {
        assertThatThrownBy(() -> load("  - {type: email}\n"))
                .isInstanceOfSatisfying(InputErrors.class, e -> assertThat(e.lines()).containsExactly(
                        FILE + ":7: notify[0].smtpHost: required when notify[0].type is email",
                        FILE + ":7: notify[0].to: required when notify[0].type is email"));
        assertThatThrownBy(() -> load("  - {type: email, to: [ops], smtpHost: smtp.example.com}\n"))
                .hasMessageContaining(FILE + ":7: notify[0].to[0]:");
        assertThatThrownBy(() -> load("  - {type: email, to: [ops@example.com], smtpHost: s, usernameEnv: U}\n"))
                .hasMessage(FILE + ":7: notify[0]: give both usernameEnv and passwordEnv to authenticate, or"
                        + " neither");
    }
}
