package io.paycli.agent.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A viewer's login session, kept in a cookie and nowhere else: {@code VIEWER:EXPIRY:MAC}, where EXPIRY is in
 * seconds since the epoch and MAC an HMAC-SHA256 over the two with a key made at start and never stored. The
 * agent keeps no session table, and a restart (a new key) ends every session; with several replicas a viewer
 * logs in again when the load balancer switches replica, which is the price of holding nothing to steal.
 */
public final class Sessions {
    public static final String COOKIE = "paycli_session";
    public static final Duration LIFETIME = Duration.ofHours(8);
    private static final Pattern VALUE = Pattern.compile("([^:]{1,128}):([0-9]{1,12}):([0-9a-f]{64})");

    private final byte[] key;
    private final Clock clock;

    /** With a fresh random key. */
    public Sessions(Clock clock) {
        this(randomKey(), clock);
    }

    Sessions(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The cookie value that lets {@code viewer} read for {@link #LIFETIME} from now. */
    public String open(Viewer viewer) {
        long expiry = clock.instant().plus(LIFETIME).getEpochSecond();
        String signed = viewer.id() + ":" + expiry;
        return signed + ":" + SigningScheme.HEX.formatHex(mac(signed));
    }

    /** What a cookie value says: the viewer's id, or why it is refused. */
    public Check check(String value) {
        var m = VALUE.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            return Check.refused(Refusal.BAD_SESSION);
        }
        String signed = m.group(1) + ":" + m.group(2);
        if (!MessageDigest.isEqual(mac(signed), SigningScheme.HEX.parseHex(m.group(3)))) {
            return Check.refused(Refusal.BAD_SESSION);
        }
        // After the MAC: only the agent learns from a forged cookie that its time is wrong.
        if (!clock.instant().isBefore(Instant.ofEpochSecond(Long.parseLong(m.group(2))))) {
            return Check.refused(Refusal.SESSION_EXPIRED);
        }
        return new Check(m.group(1), null);
    }

    /** @param viewerId the session's viewer when valid; otherwise null and {@code refusal} says why */
    public record Check(String viewerId, Refusal refusal) {
        static Check refused(Refusal refusal) {
            return new Check(null, refusal);
        }

        public boolean isValid() {
            return refusal == null;
        }
    }

    private byte[] mac(String signed) {
        return SigningScheme.hmac(key, "session\n" + signed);
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }
}
