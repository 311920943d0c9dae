package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What Vert.x (under fabric8's HTTP client) logs when a server goes away must not reach a user's terminal. */
class LibraryLogsTest {
    private final Level before = Logger.getLogger("").getLevel();

    @AfterEach
    void restore() {
        Logger.getLogger("").setLevel(before);
    }

    @Test
    void libraryLogsGoNowhereWithoutVerbose() {
        LibraryLogs.quiet(new String[] {"deploy", "-e", "beta"});

        assertThat(Logger.getLogger("io.vertx.core.net.impl.ConnectionBase").isLoggable(Level.SEVERE)).isFalse();
        assertThat(Logger.getLogger("io.netty.channel.DefaultChannelPipeline").isLoggable(Level.WARNING)).isFalse();
    }

    @Test
    void verboseKeepsThem() {
        LibraryLogs.quiet(new String[] {"deploy", "--verbose"});

        assertThat(Logger.getLogger("io.vertx.core.net.impl.ConnectionBase").isLoggable(Level.SEVERE)).isTrue();
    }
}
