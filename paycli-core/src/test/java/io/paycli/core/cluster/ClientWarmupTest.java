package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class ClientWarmupTest {
    @Test
    void theWarmUpRunsThroughWithoutAClusterOrAFile() {
        // The CLI swallows a failure here (it is only a head start), so this is where one would show.
        assertThatCode(ClientWarmup::client).doesNotThrowAnyException();
        assertThatCode(ClientWarmup::client).as("and again, in the same process").doesNotThrowAnyException();
    }
}
