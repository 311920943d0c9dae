package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WarmupTest {
    @Test
    void clusterAndTemplateCommandsWarmUpOnADaemonThreadThatEnds() throws InterruptedException {
        for (String command : new String[] {"deploy", "status", "render"}) {
            Thread thread = Warmup.start(command);
            assertThat(thread).as(command).isNotNull();
            assertThat(thread.isDaemon()).isTrue();
            thread.join(60_000);
            assertThat(thread.isAlive()).as(command + "'s warm-up ended").isFalse();
        }
    }

    @Test
    void commandsThatNeedNoneOfItStartNothing() {
        assertThat(Warmup.start("init")).isNull();
        assertThat(Warmup.start("agent")).isNull();
        assertThat(Warmup.start("help")).isNull();
    }
}
