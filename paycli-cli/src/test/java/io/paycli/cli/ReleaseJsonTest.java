package io.paycli.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Release;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** -o json of deploy, status and history: the blue-green part appears only for blue-green releases. */
class ReleaseJsonTest {

    private static Release release(BlueGreenState state) {
        return new Release("web", "beta", "shop", 7, "1.7", "registry.example.com/web:1.7", "web", "1.4.0",
                "0123abc", "cafe42", "alice", Instant.parse("2026-10-01T10:15:30.123Z"), 4207L,
                Release.Result.SUCCEEDED, "healthy", "kind: ConfigMap\n", state);
    }

    @Test
    void aRollingReleaseHasNoBlueGreenField() {
        assertThat(ReleaseJson.of(release(null))).containsOnlyKeys("app", "env", "namespace", "revision", "tag",
                "image", "template", "catalogCommit", "configHash", "user", "startedAt", "durationMillis", "result",
                "message");
    }

    @Test
    void aBlueGreenReleaseShowsLiveAndIdleColoursAndTheWindow() {
        Map<String, Object> json = ReleaseJson.of(release(new BlueGreenState(Colour.GREEN, Colour.BLUE, "1.6", 6,
                Instant.parse("2026-10-01T10:25:30Z"), BlueGreenState.Phase.PROMOTED)));

        assertThat(json.get("blueGreen")).isEqualTo(Map.of("live", "green", "idle", "blue", "idleTag", "1.6",
                "idleRevision", 6, "idleWindowEnd", "2026-10-01T10:25:30Z", "phase", "promoted"));
    }
}
