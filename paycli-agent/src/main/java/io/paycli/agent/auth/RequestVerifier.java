package io.paycli.agent.auth;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a signed request ({@link SigningScheme}) and, separately, whether its client may deploy an app to an
 * environment.
 *
 * <p>The checks run in this order, and the first that fails decides: all five headers present and well formed;
 * the key id known; the signature right for one of the client's keys; the body matching its signed digest; the
 * timestamp within the skew; the nonce new. The signature comes before the clock and the nonce, so only a key holder
 * learns that a clock is off, and a nonce is recorded only for a genuine request: an attacker cannot use up the
 * nonces of requests still to come. Signatures are compared in constant time.
 */
public final class RequestVerifier {
    public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);
    static final int MAX_KEY_ID_LENGTH = 128;
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern NONCE = Pattern.compile("[0-9a-fA-F]{32}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    private final Map<String, Client> clientsById;
    private final Clock clock;
    private final Duration allowedSkew;
    private final NonceCache nonces;

    public RequestVerifier(Map<String, Client> clientsById, Clock clock, Duration allowedSkew, NonceCache nonces) {
        if (allowedSkew.isNegative() || allowedSkew.isZero()) {
            throw new IllegalArgumentException("the allowed clock skew must be positive: " + allowedSkew);
        }
        clientsById.forEach((id, client) -> {
            if (!id.equals(client.id())) {
                throw new IllegalArgumentException("client " + client.id() + " is filed under id " + id);
            }
        });
        this.clientsById = Map.copyOf(clientsById);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowedSkew = allowedSkew;
        this.nonces = Objects.requireNonNull(nonces, "nonces");
    }

    /**
     * @param pathWithQuery the request target as received, not decoded: the path, then "?" and the raw query if any
     * @param header        a request header by name (any case), or null when absent
     */
    public Verdict verify(String method, String pathWithQuery, Function<String, String> header, byte[] body) {
        List<String> missing = new ArrayList<>();
        for (String name : SigningScheme.HEADERS) {
            String value = header.apply(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            return Verdict.refused(Refusal.MISSING_HEADERS, "the request is not signed: header "
                    + String.join(", ", missing) + (missing.size() == 1 ? " is" : " are")
                    + " missing; sign requests as the agent guide describes, or use paycli agent submit");
        }
        String keyId = header.apply(SigningScheme.KEY_ID).strip();
        String timestamp = header.apply(SigningScheme.TIMESTAMP).strip();
        String nonce = header.apply(SigningScheme.NONCE).strip();
        String digest = header.apply(SigningScheme.CONTENT_SHA256).strip().toLowerCase(Locale.ROOT);
        String signature = header.apply(SigningScheme.SIGNATURE).strip();
        String malformed = malformed(keyId, timestamp, nonce, digest, signature);
        if (malformed != null) {
            return Verdict.refused(Refusal.MISSING_HEADERS, "header " + malformed);
        }

        Client client = clientsById.get(keyId);
        if (client == null) {
            return Verdict.refused(Refusal.UNKNOWN_KEY, "key id " + keyId + " is not a client of this agent;"
                    + " check --key-id, or add the client to the agent's config");
        }

        String canonical = SigningScheme.canonical(method.toUpperCase(Locale.ROOT), pathWithQuery, timestamp, nonce,
                digest);
        if (!signedByOneOf(client.secrets(), canonical, SigningScheme.HEX.parseHex(signature))) {
            // Nothing about the expected value: the sentence must not help anyone forge one.
            return Verdict.refused(Refusal.BAD_SIGNATURE, "the signature does not match any key of client " + keyId
                    + "; check that the key is the one the agent holds and that the request was sent as signed");
        }

        byte[] actual = SigningScheme.sha256(body == null ? new byte[0] : body);
        if (!MessageDigest.isEqual(actual, SigningScheme.HEX.parseHex(digest))) {
            return Verdict.refused(Refusal.BAD_DIGEST, "the body (" + (body == null ? 0 : body.length)
                    + " bytes) does not match its signed SHA-256; it changed or was cut short on the way");
        }

        Instant signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        Instant now = clock.instant();
        Duration offset = Duration.between(now, signedAt);
        if (offset.abs().compareTo(allowedSkew) > 0) {
            // Rounded up: 300.4 s off must not read as "300 s, more than the 300 s allowed".
            long seconds = (offset.abs().toMillis() + 999) / 1000;
            return Verdict.refused(Refusal.CLOCK_SKEW, "the request was signed " + seconds + " s "
                    + (offset.isNegative() ? "before" : "after") + " the agent's time, more than the "
                    + allowedSkew.toSeconds() + " s allowed; check the clock of the signing machine, or sign again");
        }

        // Kept while the same timestamp would still pass the check above.
        return switch (nonces.firstUse(client.id(), nonce, signedAt.plus(allowedSkew))) {
            case FIRST -> Verdict.accepted(client);
            case REPLAY -> Verdict.refused(Refusal.REPLAY, "nonce " + nonce + " of client " + keyId
                    + " was used before; every request needs a new nonce and signature");
            case FULL -> Verdict.refused(Refusal.NONCE_CACHE_FULL, "the agent is taking too many requests to"
                    + " guard against replays; try again in a few minutes");
        };
    }

    /** Whether {@code client} may deploy {@code app} to {@code env}: 403 NOT_ALLOWED when no grant matches. */
    public Verdict authorize(Client client, String app, String env) {
        if (client.allows(app, env)) {
            return Verdict.accepted(client);
        }
        return Verdict.refused(Refusal.NOT_ALLOWED, "client " + client.id() + " may not deploy " + app + " to "
                + env + "; the agent's config grants it " + describe(client));
    }

    private static boolean signedByOneOf(List<byte[]> keys, String canonical, byte[] given) {
        boolean match = false;
        for (byte[] key : keys) {
            // Every key is tried, and isEqual takes the same time wherever the bytes differ.
            match |= MessageDigest.isEqual(SigningScheme.hmac(key, canonical), given);
        }
        return match;
    }

    private static String malformed(String keyId, String timestamp, String nonce, String digest, String signature) {
        if (keyId.length() > MAX_KEY_ID_LENGTH || !RequestSigner.printable(keyId)) {
            return SigningScheme.KEY_ID + " is not a key id (printable, no spaces, at most " + MAX_KEY_ID_LENGTH
                    + " characters)";
        }
        if (!TIMESTAMP.matcher(timestamp).matches()) {
            return SigningScheme.TIMESTAMP + " is not a time in seconds since the epoch";
        }
        if (!NONCE.matcher(nonce).matches()) {
            return SigningScheme.NONCE + " is not 32 hex digits (128 random bits)";
        }
        if (!SHA256_HEX.matcher(digest).matches()) {
            return SigningScheme.CONTENT_SHA256 + " is not 64 hex digits (the body's SHA-256)";
        }
        if (!SHA256_HEX.matcher(signature).matches()) {
            return SigningScheme.SIGNATURE + " is not 64 hex digits (an HMAC-SHA256)";
        }
        return null;
    }

    private static String describe(Client client) {
        if (client.grants().isEmpty()) {
            return "nothing";
        }
        List<String> parts = new ArrayList<>();
        for (Grant grant : client.grants()) {
            parts.add("apps " + grant.apps() + " in " + grant.envs());
        }
        return String.join("; ", parts);
    }
}
