package io.paycli.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.agent.TestClock;
import io.paycli.agent.auth.NonceCache.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A nonce is refused a second time while its window is open, forgotten after, and the cap refuses. */
class NonceCacheTest {
    final Instant start = Instant.parse("2026-12-02T03:00:00Z");
    final TestClock clock = new TestClock(start);

    @Test
    void aNonceIsNewOnceThenAReplayUntilItsTimeHasPassed() {
        NonceCache cache = new NonceCache(clock, 10);
        Instant until = start.plusSeconds(300);

        assertThat(cache.firstUse("ci", "n1", until)).isEqualTo(Outcome.FIRST);
        assertThat(cache.firstUse("ci", "n1", until)).isEqualTo(Outcome.REPLAY);
        assertThat(cache.firstUse("other-client", "n1", until)).as("nonces are per key id").isEqualTo(Outcome.FIRST);

        clock.advance(Duration.ofSeconds(300));
        assertThat(cache.firstUse("ci", "n1", until)).as("still inside, at the very end").isEqualTo(Outcome.REPLAY);

        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.firstUse("ci", "n2", clock.instant().plusSeconds(300))).isEqualTo(Outcome.FIRST);
        assertThat(cache.size()).as("both n1 entries forgotten, n2 kept").isEqualTo(1);
        assertThat(cache.firstUse("ci", "n1", clock.instant().plusSeconds(300))).isEqualTo(Outcome.FIRST);
    }

    @Test
    void atTheCapANewNonceIsRefusedUntilAnOldOneExpires() {
        NonceCache cache = new NonceCache(clock, 2);
        cache.firstUse("ci", "a", start.plusSeconds(10));
        cache.firstUse("ci", "b", start.plusSeconds(20));

        assertThat(cache.firstUse("ci", "c", start.plusSeconds(30))).isEqualTo(Outcome.FULL);
        assertThat(cache.firstUse("ci", "a", start.plusSeconds(10))).as("not forgotten to make room")
                .isEqualTo(Outcome.REPLAY);

        clock.advance(Duration.ofSeconds(11));
        assertThat(cache.firstUse("ci", "c", start.plusSeconds(30))).isEqualTo(Outcome.FIRST);
        assertThat(cache.firstUse("ci", "b", start.plusSeconds(20))).isEqualTo(Outcome.REPLAY);
    }

    @Test
    void underConcurrentUseEachNonceIsFirstExactlyOnce() throws Exception {
        NonceCache cache = new NonceCache(clock);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                tasks.add(() -> {
                    int firsts = 0;
                    for (int i = 0; i < 2_000; i++) {
                        // All threads race for the same 2,000 nonces.
                        if (cache.firstUse("ci", "n" + i, start.plusSeconds(60)) == Outcome.FIRST) {
                            firsts++;
                        }
                    }
                    return firsts;
                });
            }
            int total = 0;
            for (Future<Integer> result : pool.invokeAll(tasks)) {
                total += result.get();
            }
            assertThat(total).isEqualTo(2_000);
            assertThat(cache.size()).isEqualTo(2_000);
        } finally {
            pool.shutdownNow();
        }
    }
}
