package io.paycli.agent.auth;

import java.util.Locale;

/** Why the agent refused a request, with the HTTP status it answers. */
public enum Refusal {
    /** A signing header is absent, or not in its format (timestamp digits, 32-hex nonce, 64-hex digest and MAC). */
    MISSING_HEADERS(401),
    UNKNOWN_KEY(401),
    /** The body does not match X-Paycli-Content-SHA256, which itself was signed: the body changed on the way. */
    BAD_DIGEST(401),
    BAD_SIGNATURE(401),
    CLOCK_SKEW(401),
    REPLAY(401),
    /** A dashboard read with no signature, token or session, on an agent that is not public. */
    NO_CREDENTIALS(401),
    /** A viewer token (login or Bearer) that is no viewer's. */
    BAD_TOKEN(401),
    /** A session cookie the agent did not make (or made before a restart, with another key). */
    BAD_SESSION(401),
    SESSION_EXPIRED(401),
    /** A viewer (or anyone, on a public dashboard) asked to change something: only signed CI clients may. */
    READ_ONLY(403),
    /** Authenticated, but no grant covers this app and environment. */
    NOT_ALLOWED(403),
    /** Authenticated, but the nonce cache is at its cap; see {@link NonceCache}. Worth retrying later. */
    NONCE_CACHE_FULL(503);

    private final int status;

    Refusal(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    /** As the audit log and the API's error body name it: bad-signature, clock-skew, not-allowed, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
