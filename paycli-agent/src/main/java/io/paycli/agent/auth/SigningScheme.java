package io.paycli.agent.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How a request to the agent is signed. The agent guide quotes this.
 *
 * <p>A client holds a key id and a shared secret key (the UTF-8 bytes of the key text, not decoded from hex or
 * base64). Every request carries five headers:
 * <pre>
 * X-Paycli-Key-Id          the key id, which is the client id in the agent config
 * X-Paycli-Timestamp       when the request was signed, in seconds since the epoch (decimal)
 * X-Paycli-Nonce           128 random bits, as 32 hex digits, new for every request
 * X-Paycli-Content-SHA256  the SHA-256 of the request body (of nothing, for an empty body), as 64 hex digits
 * X-Paycli-Signature       HMAC-SHA256(key, canonical string), as 64 hex digits
 * </pre>
 * The canonical string is five lines joined by {@code "\n"}, with no newline at the end:
 * <pre>
 * METHOD             the HTTP method in upper case: POST
 * PATH-WITH-QUERY    the request target as sent on the wire: the path, percent-encoded as sent, then "?" and the
 *                    query if there is one; no scheme, host or fragment: /api/v1/deploy?wait=true
 * TIMESTAMP          the X-Paycli-Timestamp value
 * NONCE              the X-Paycli-Nonce value
 * BODY-SHA256-HEX    the body digest in lower-case hex
 * </pre>
 * None of the fields can hold a newline, so the string is unambiguous. The agent accepts a request when the key id
 * is known, the signature matches one of the client's keys (two during a rotation), the body matches its digest,
 * the timestamp is within the allowed skew of the agent's clock (5 minutes by default, either direction), and the
 * nonce was not seen before within that window. The digest and signature headers may use either case of hex; the
 * nonce is signed exactly as sent (so changing its case makes another, unsigned, request).
 *
 * <p>With a shell, for a body in {@code body.tar.gz}:
 * <pre>
 * ts=$(date +%s); nonce=$(openssl rand -hex 16)
 * digest=$(openssl dgst -sha256 -r body.tar.gz | cut -d' ' -f1)
 * sig=$(printf 'POST\n/api/v1/deploy\n%s\n%s\n%s' "$ts" "$nonce" "$digest" \
 *       | openssl dgst -sha256 -hmac "$PAYCLI_AGENT_SECRET" -r | cut -d' ' -f1)
 * </pre>
 */
public final class SigningScheme {
    public static final String KEY_ID = "X-Paycli-Key-Id";
    public static final String TIMESTAMP = "X-Paycli-Timestamp";
    public static final String NONCE = "X-Paycli-Nonce";
    public static final String CONTENT_SHA256 = "X-Paycli-Content-SHA256";
    public static final String SIGNATURE = "X-Paycli-Signature";
    /** All five, in the order the scheme lists them. */
    public static final List<String> HEADERS = List.of(KEY_ID, TIMESTAMP, NONCE, CONTENT_SHA256, SIGNATURE);

    static final int NONCE_BYTES = 16;
    static final HexFormat HEX = HexFormat.of();
    private static final String HMAC = "HmacSHA256";

    private SigningScheme() {
    }

    static String canonical(String method, String pathWithQuery, String timestamp, String nonce, String bodySha256) {
        return String.join("\n", method, pathWithQuery, timestamp, nonce, bodySha256);
    }

    static byte[] hmac(byte[] key, String canonical) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
