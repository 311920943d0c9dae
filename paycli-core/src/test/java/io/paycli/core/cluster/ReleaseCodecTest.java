package io.paycli.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.core.model.BlueGreenState;
import io.paycli.core.model.Colour;
import io.paycli.core.model.Release;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** release.json: rolling records keep their exact shape, blue-green state is an optional field. */
class ReleaseCodecTest {

    /** A rolling record exactly as paycli wrote it before releases knew blue-green. */
    private static final String ROLLING_JSON = "{\"app\":\"web\",\"env\":\"beta\",\"namespace\":\"shop\",\"revision\":7,"
            + "\"tag\":\"1.7\",\"image\":\"registry.example.com/web:1.7\",\"template\":\"web\",\"templateVersion\":\"1.4.0\","
            + "\"catalogCommit\":\"0123abc\",\"configHash\":\"cafe42\",\"user\":\"alice\","
            + "\"startedAt\":\"2026-10-01T10:15:30.123Z\",\"durationMillis\":4207,\"result\":\"SUCCEEDED\","
            + "\"message\":\"healthy\"}";

    private static Release rolling() {
        return new Release("web", "beta", "shop", 7, "1.7", "registry.example.com/web:1.7", "web", "1.4.0",
                "0123abc", "cafe42", "alice", Instant.parse("2026-10-01T10:15:30.123Z"), 4207L,
                Release.Result.SUCCEEDED, "healthy", null);
    }

    private static Release blueGreen(BlueGreenState state) {
        Release r = rolling();
        return new Release(r.app(), r.env(), r.namespace(), r.revision(), r.tag(), r.image(), r.template(),
                r.templateVersion(), r.catalogCommit(), r.configHash(), r.user(), r.startedAt(), r.durationMillis(),
                r.result(), r.message(), r.manifests(), state);
    }

    @Test
    void aRollingReleaseEncodesByteForByteAsBefore() {
        assertThat(rolling().blueGreen()).isNull();
        assertThat(new String(ReleaseCodec.record(rolling()), StandardCharsets.UTF_8)).isEqualTo(ROLLING_JSON);
    }

    @Test
    void aRecordWrittenBeforeBlueGreenDecodesWithoutIt() {
        Release decoded = ReleaseCodec.release(ROLLING_JSON.getBytes(StandardCharsets.UTF_8), null, "old");

        assertThat(decoded).isEqualTo(rolling());
        assertThat(decoded.blueGreen()).isNull();
    }

    @Test
    void blueGreenStateRoundTripsWithAndWithoutAWindow() {
        BlueGreenState promoted = new BlueGreenState(Colour.GREEN, Colour.BLUE, "1.6", 6,
                Instant.parse("2026-10-01T10:25:30Z"), BlueGreenState.Phase.PROMOTED);
        BlueGreenState preview = new BlueGreenState(Colour.BLUE, Colour.GREEN, "1.7", 7, null,
                BlueGreenState.Phase.PREVIEW);

        for (BlueGreenState state : new BlueGreenState[] {promoted, preview}) {
            Release release = blueGreen(state);
            byte[] json = ReleaseCodec.record(release);
            assertThat(new String(json, StandardCharsets.UTF_8)).startsWith(ROLLING_JSON.substring(0,
                    ROLLING_JSON.length() - 1) + ",\"blueGreen\":{");
            assertThat(ReleaseCodec.release(json, null, "bg")).isEqualTo(release);
        }
    }

    @Test
    void withOutcomeKeepsTheBlueGreenState() {
        BlueGreenState state = new BlueGreenState(Colour.BLUE, Colour.GREEN, "1.7", 7, null,
                BlueGreenState.Phase.PREVIEW);

        Release failed = blueGreen(state).withOutcome(Release.Result.FAILED, "not ready", 9000L);

        assertThat(failed.blueGreen()).isEqualTo(state);
        assertThat(failed.result()).isEqualTo(Release.Result.FAILED);
    }
}
