package io.paycli.core.validate;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

class ModelWarmupTest {
    @Test
    void theWarmUpBindsWithoutError() {
        // The CLI swallows a failure here (it is only a head start), so this is where one would show.
        assertThatCode(ModelWarmup::bindings).doesNotThrowAnyException();
    }
}
