package io.paycli.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.paycli.core.model.DeployEvent;
import io.paycli.core.model.DeployEvent.Kind;
import io.paycli.core.model.NotifyTarget;
import io.paycli.core.model.Release.Result;
import jakarta.mail.internet.MimeMessage;
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

/** E-mail through a real SMTP server (GreenMail) on a free port, with authentication. */
class EmailTest {
    private static final Map<String, String> ENV = Map.of("SMTP_USER", "mailer", "SMTP_PASSWORD", "s3cr3t-pw");

    @TempDir
    Path tmp;
    GreenMail smtp;
    final List<DeployEvent> events = new ArrayList<>();

    @BeforeEach
    void start() {
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort()).withConfiguration(
                GreenMailConfiguration.aConfig().withUser("ops@example.com", "mailer", "s3cr3t-pw"));
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    private NotifyTarget mail(boolean starttls, String passwordEnv) {
        return new NotifyTarget("email", null, null, null, null, List.of("ops@example.com"), "paycli@example.com",
                "127.0.0.1", smtp.getSmtp().getPort(), "SMTP_USER", passwordEnv, starttls);
    }

    private void send(NotifyTarget target, Map<String, String> env) {
        new NotifySink(List.of(target), env::get, new NotifySettings(Duration.ofSeconds(5), 2, Duration.ofMillis(20),
                tmp.resolve("outbox")), Clock.systemUTC())
                .released(Steps.deploy(Result.FAILED, List.of()), events::add);
    }

    @Test
    void aMessageIsMailedWithAuthentication() throws Exception {
        send(mail(false, "SMTP_PASSWORD"), ENV);

        assertThat(events).extracting(DeployEvent::message)
                .containsExactly("notified email (127.0.0.1:" + smtp.getSmtp().getPort() + " to ops@example.com)");
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("[paycli] campaign-web in beta: deploy of 1.2.0 failed");
        assertThat(m.getFrom()[0].toString()).isEqualTo("paycli@example.com");
        assertThat(m.getHeader("X-Paycli-Delivery")[0]).hasSize(36);
        assertThat((String) m.getContent()).contains("Version: 1.2.0 (revision 4)", "In place: 1.1.0 (revision 3)",
                "By: alice", "Template: web@1.3.0", "Archive commit: 9f8e7d6c5b4a",
                "id " + m.getHeader("X-Paycli-Delivery")[0]);
    }

    @Test
    void aWrongPasswordIsReportedWithoutItAndNotRetried() throws Exception {
        send(mail(false, "WRONG"), Map.of("SMTP_USER", "mailer", "WRONG", "wr0ng-pw"));

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Kind.WARNING);
            assertThat(e.message()).startsWith("email (127.0.0.1:" + smtp.getSmtp().getPort()
                    + " to ops@example.com): not delivered: the SMTP server refused the user and password")
                    .doesNotContain("wr0ng-pw");
        });
    }

    @Test
    void starttlsIsRequiredUnlessTurnedOff() {
        // GreenMail's plain SMTP offers no STARTTLS: a target that requires it sends nothing in clear text.
        send(mail(true, "SMTP_PASSWORD"), ENV);

        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(events).singleElement().satisfies(e -> assertThat(e.message())
                .contains("not delivered after 2 attempt(s)", "STARTTLS"));
    }
}
