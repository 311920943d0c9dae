package io.paycli.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.agent.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private static final byte[] KEY = "the-session-key-of-this-process-0123".getBytes(StandardCharsets.UTF_8);
    private final TestClock clock = new TestClock(Instant.parse("2026-12-02T06:00:00Z"));
    private final Viewer alice = new Viewer("alice", "alice-token-0123456789abcdef-0123456789".getBytes(
            StandardCharsets.UTF_8));

    @Test
    void aSessionNamesItsViewerUntilItExpiresEightHoursLater() {
        Sessions sessions = new Sessions(KEY, clock);
        String cookie = sessions.open(alice);

        assertThat(cookie).startsWith("alice:" + Instant.parse("2026-12-02T14:00:00Z").getEpochSecond() + ":");
        assertThat(sessions.check(cookie)).isEqualTo(new Sessions.Check("alice", null));
        clock.advance(Duration.ofHours(8).minusSeconds(1));
        assertThat(sessions.check(cookie).isValid()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.check(cookie).refusal()).isEqualTo(Refusal.SESSION_EXPIRED);
    }

    @Test
    void aCookieWithAnotherViewerExpiryOrKeyIsForged() {
        Sessions sessions = new Sessions(KEY, clock);
        String cookie = sessions.open(alice);
        String[] parts = cookie.split(":");

        List<String> forged = List.of("bob:" + parts[1] + ":" + parts[2],
                parts[0] + ":" + (Long.parseLong(parts[1]) + 3600) + ":" + parts[2],
                new Sessions(clock).open(alice), "alice", "", cookie + "0");

        assertThat(forged).allSatisfy(c -> assertThat(sessions.check(c).refusal()).as(c)
                .isEqualTo(Refusal.BAD_SESSION));
        assertThat(sessions.check(null).refusal()).isEqualTo(Refusal.BAD_SESSION);
    }

    @Test
    void viewersAreFoundByTheirWholeTokenOnly() {
        Viewers viewers = new Viewers(List.of(alice, new Viewer("bob", "bob-token-0123456789abcdef-0123456789"
                .getBytes(StandardCharsets.UTF_8))));

        assertThat(viewers.byToken("bob-token-0123456789abcdef-0123456789")).get().extracting(Viewer::id)
                .isEqualTo("bob");
        assertThat(viewers.byToken(" alice-token-0123456789abcdef-0123456789\n")).get().extracting(Viewer::id)
                .isEqualTo("alice");
        assertThat(viewers.byToken("bob-token-0123456789abcdef-012345678")).isEmpty();
        assertThat(viewers.byToken("")).isEmpty();
        assertThat(viewers.byToken(null)).isEmpty();
        assertThat(alice.toString()).doesNotContain("token-");
    }
}
