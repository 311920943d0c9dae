package io.paycli.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.agent.TestClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The signer produces what the documented scheme (and openssl, by hand) produces. */
class RequestSignerTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final Instant NEW_YEAR = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void headersMatchTheShellRecipeInTheSchemeJavadoc() {
        // Computed with the openssl lines of SigningScheme's javadoc, not with this code.
        RequestSigner signer = new RequestSigner("ci-settlement", KEY, new TestClock(NEW_YEAR), fixedRandom(7));

        Map<String, String> headers = signer.headers("post", "/api/v1/deploy?wait=true",
                "hello".getBytes(StandardCharsets.UTF_8));

        assertThat(headers).containsExactly(
                Map.entry("X-Paycli-Key-Id", "ci-settlement"),
                Map.entry("X-Paycli-Timestamp", "1767225600"),
                Map.entry("X-Paycli-Nonce", "07070707070707070707070707070707"),
                Map.entry("X-Paycli-Content-SHA256",
                        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"),
                Map.entry("X-Paycli-Signature", "8061aed40646ef1b168a5d45636bf88eb3ad3f8ea913cff73259f15c465bf297"));
    }

    @Test
    void everyCallTakesANewNonceAndAnEmptyBodyHasTheDigestOfNothing() {
        RequestSigner signer = new RequestSigner("ci", KEY, new TestClock(NEW_YEAR), new SecureRandom());

        Map<String, String> first = signer.headers("GET", "/api/v1/jobs", null);
        Map<String, String> second = signer.headers("GET", "/api/v1/jobs", new byte[0]);

        assertThat(first.get(SigningScheme.NONCE)).matches("[0-9a-f]{32}")
                .isNotEqualTo(second.get(SigningScheme.NONCE));
        assertThat(first.get(SigningScheme.CONTENT_SHA256))
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
                .isEqualTo(second.get(SigningScheme.CONTENT_SHA256));
        assertThat(first.get(SigningScheme.SIGNATURE)).isNotEqualTo(second.get(SigningScheme.SIGNATURE));
    }

    @Test
    void theKeyDoesNotShowInToString() {
        assertThat(new RequestSigner("ci", KEY, new TestClock(NEW_YEAR), new SecureRandom()).toString())
                .contains("ci").doesNotContain("0123456789abcdef");
    }

    static SecureRandom fixedRandom(int value) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, (byte) value);
            }
        };
    }
}
