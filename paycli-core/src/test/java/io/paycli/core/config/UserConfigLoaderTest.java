package io.paycli.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.InvalidInputException;
import io.paycli.core.model.UserConfig;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
