package io.paycli.agent.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * The nonces of accepted requests, each kept until the request's timestamp plus the allowed skew has passed: until
 * then the same request would still pass the clock check, so a replay must be caught here; after that the clock
 * check refuses it anyway. Memory is thereby bounded by the requests of one window.
 *
 * <p>There is also a hard cap on entries. At the cap, once expired nonces are dropped, a new nonce is refused
 * ({@link Outcome#FULL}), not admitted by forgetting an older one: forgetting a nonce whose window is still open
 * would let that request be replayed. Only requests with a valid signature reach this cache, so filling it takes
 * a key holder sending more than the cap within one window.
 *
 * <p>Safe for concurrent use; one lock, held for a map lookup and a few heap operations.
 */
public final class NonceCache {
    /** Room for over 300 signed requests a second, sustained, with the default 5-minute skew; about 20 MB full. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    /** What {@link #firstUse} found. */
    public enum Outcome { FIRST, REPLAY, FULL }

    private record Key(String keyId, String nonce) {
    }

    private record Expiry(Instant until, Key key) {
    }

    private final Clock clock;
    private final int maxEntries;
    private final Map<Key, Instant> seen = new HashMap<>();
    private final PriorityQueue<Expiry> byExpiry = new PriorityQueue<>((a, b) -> a.until.compareTo(b.until));

    public NonceCache(Clock clock, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("a nonce cache needs room for at least one entry");
        }
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxEntries = maxEntries;
    }

    public NonceCache(Clock clock) {
        this(clock, DEFAULT_MAX_ENTRIES);
    }

    /**
     * Records {@code nonce} of {@code keyId} until {@code until} (inclusive) unless it is already there.
     *
     * @return FIRST when recorded now, REPLAY when it was already recorded, FULL when it could not be recorded
     */
    public synchronized Outcome firstUse(String keyId, String nonce, Instant until) {
        dropExpired(clock.instant());
        Key key = new Key(keyId, nonce);
        if (seen.containsKey(key)) {
            return Outcome.REPLAY;
        }
        if (seen.size() >= maxEntries) {
            return Outcome.FULL;
        }
        seen.put(key, until);
        byExpiry.add(new Expiry(until, key));
        return Outcome.FIRST;
    }

    /** How many nonces are kept now, expired ones included until the next {@link #firstUse}. */
    public synchronized int size() {
        return seen.size();
    }

    private void dropExpired(Instant now) {
        while (!byExpiry.isEmpty() && byExpiry.peek().until.isBefore(now)) {
            seen.remove(byExpiry.poll().key);
        }
    }
}
