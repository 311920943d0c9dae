package io.paycli.core.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Release;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Copies of a record keep what it says about the colours. */
class ReleasesTest {

    @Test
    void numberingARecordKeepsItsBlueGreenState() {
        BlueGreenState state = new BlueGreenState(Colour.BLUE, Colour.GREEN, "1.6", 6, null,
                BlueGreenState.Phase.PREVIEW);
        Release pending = new Release("web", "beta", "shop", 0, "1.7", "img:1.7", "web", "1.4.0", "c", "h", "alice",
                Instant.parse("2026-10-01T10:15:30Z"), 0, Release.Result.FAILED, "deployed 1.7", "kind: Service\n",
                state);

        Release numbered = Releases.withRevision(pending, 7);

        assertThat(numbered.revision()).isEqualTo(7);
        assertThat(numbered.blueGreen()).isEqualTo(state);
    }
}
