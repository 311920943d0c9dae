package io.paycli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.UserConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserConfigLoaderTest {
    @TempDir
    Path tmp;

    @Test
    void readsTheArchiveAndTheOrganisationsNotifyTargets() throws Exception {
        Path file = Files.writeString(tmp.resolve("config.yaml"), """
                archive:
                  dir: archive
                  remote: https://git.example.com/platform/archive.git
                notify:
                  - {type: slack, urlEnv: SLACK_WEBHOOK_URL}
                """);

        UserConfig config = new UserConfigLoader().load(file);

        assertThat(config.archiveDir()).isEqualTo(tmp.resolve("archive"));
        assertThat(config.archiveRemote()).isEqualTo("https://git.example.com/platform/archive.git");
        assertThat(config.notifyTargets()).singleElement()
                .satisfies(t -> assertThat(t.urlEnv()).isEqualTo("SLACK_WEBHOOK_URL"));
    }

    @Test
    void aMissingOrEmptyFileIsNoError() throws Exception {
        assertThat(new UserConfigLoader().load(tmp.resolve("none.yaml")).archiveDir()).isNull();
        assertThat(new UserConfigLoader().load(Files.writeString(tmp.resolve("empty.yaml"), "")).notifyTargets())
                .isEmpty();
    }

    @Test
    void anUnknownKeyOrAWrongTypeIsNamedWithItsLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("config.yaml"), "archive:\n  remot: x\nnotify:\n  - {type: pager}\n");

        assertThatThrownBy(() -> new UserConfigLoader().load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":2: archive")
                .hasMessageContaining("remot")
                .hasMessageContaining(file + ":4: notify[0].type");
    }

    @Test
    void readsThePushTimeoutAndHowHardNotificationsAreTried() throws Exception {
        Path file = Files.writeString(tmp.resolve("config.yaml"), """
                archive:
                  pushTimeout: 1m30s
                notifyDelivery:
                  timeout: 2s
                  attempts: 5
                """);

        UserConfig config = new UserConfigLoader().load(file);

        assertThat(config.archivePushTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.notifyTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.notifyAttempts()).isEqualTo(5);
        UserConfig none = new UserConfigLoader().load(tmp.resolve("none.yaml"));
        assertThat(none.archivePushTimeout()).isNull();
        assertThat(none.notifyTimeout()).isNull();
        assertThat(none.notifyAttempts()).isZero();
    }

    @Test
    void aZeroTimeoutOrNoAttemptIsRefusedAtItsLine() throws Exception {
        Path file = Files.writeString(tmp.resolve("config.yaml"),
                "archive:\n  pushTimeout: 0s\nnotifyDelivery:\n  timeout: soon\n  attempts: 0\n");

        assertThatThrownBy(() -> new UserConfigLoader().load(file)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(file + ":2: archive.pushTimeout: \"0s\" is not a duration longer than 0s")
                .hasMessageContaining(file + ":4: notifyDelivery.timeout: \"soon\" is not a duration longer than")
                .hasMessageContaining(file + ":5: notifyDelivery.attempts");
    }
}
