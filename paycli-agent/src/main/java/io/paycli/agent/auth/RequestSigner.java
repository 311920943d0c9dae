package io.paycli.agent.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Signs requests to the agent as {@link SigningScheme} describes; {@code paycli agent submit} adds the headers it
 * returns to its request.
 */
public final class RequestSigner {
    private final String keyId;
    private final byte[] secret;
    private final Clock clock;
    private final SecureRandom random;

    public RequestSigner(String keyId, byte[] secret, Clock clock, SecureRandom random) {
        if (keyId == null || keyId.isBlank() || !printable(keyId)) {
            throw new IllegalArgumentException("a key id must be printable text without spaces: " + keyId);
        }
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("an empty key signs nothing");
        }
        this.keyId = keyId;
        this.secret = secret.clone();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * The five signing headers for one request, in the order of {@link SigningScheme#HEADERS}. Each call takes a new
     * nonce, so a retried request needs new headers.
     *
     * @param pathWithQuery the request target exactly as it will be sent: /api/v1/deploy?wait=true
     */
    public Map<String, String> headers(String method, String pathWithQuery, byte[] body) {
        if (method == null || method.isEmpty() || !printable(method)) {
            throw new IllegalArgumentException("not an HTTP method: " + method);
        }
        if (pathWithQuery == null || !pathWithQuery.startsWith("/") || !printable(pathWithQuery)) {
            throw new IllegalArgumentException("not a request target (absolute path, no spaces): " + pathWithQuery);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] nonceBytes = new byte[SigningScheme.NONCE_BYTES];
        random.nextBytes(nonceBytes);
        String nonce = SigningScheme.HEX.formatHex(nonceBytes);
        String digest = SigningScheme.HEX.formatHex(SigningScheme.sha256(body == null ? new byte[0] : body));
        String canonical = SigningScheme.canonical(method.toUpperCase(Locale.ROOT), pathWithQuery, timestamp, nonce,
                digest);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SigningScheme.KEY_ID, keyId);
        headers.put(SigningScheme.TIMESTAMP, timestamp);
        headers.put(SigningScheme.NONCE, nonce);
        headers.put(SigningScheme.CONTENT_SHA256, digest);
        headers.put(SigningScheme.SIGNATURE, SigningScheme.HEX.formatHex(SigningScheme.hmac(secret, canonical)));
        return Collections.unmodifiableMap(headers);
    }

    @Override
    public String toString() {
        // Never the key: this object ends up in debug output.
        return "RequestSigner[keyId=" + keyId + ", key=***]";
    }

    /** Visible ASCII only: these values travel in a request line or a header, and make up the canonical string. */
    static boolean printable(String s) {
        return s.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
