package io.paycli.agent.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.paycli.agent.TestClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each way a request can be refused gives its own reason and 401; a genuine request passes once. */
class RequestVerifierTest {
    static final byte[] KEY = "ci-settlement-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    static final byte[] NEXT_KEY = "ci-settlement-key-rotated-fedcba98".getBytes(StandardCharsets.UTF_8);
    static final byte[] OTHER_KEY = "some-other-key-that-is-long-enough".getBytes(StandardCharsets.UTF_8);
    static final byte[] BODY = "the bundle".getBytes(StandardCharsets.UTF_8);
    static final String PATH = "/api/v1/deploy?wait=true";

    final TestClock clock = new TestClock(Instant.parse("2026-12-02T03:00:00Z"));
    final NonceCache nonces = new NonceCache(clock);
    final Client settlement = new Client("ci-settlement", List.of(KEY),
            List.of(new Grant(List.of("settlement-*"), List.of("beta", "release"))));
    final RequestVerifier verifier = new RequestVerifier(Map.of(settlement.id(), settlement), clock,
            RequestVerifier.DEFAULT_SKEW, nonces);

    @Test
    void aSignedRequestIsAcceptedForItsClient() {
        Verdict verdict = verify("POST", PATH, sign(KEY), BODY);

        assertThat(verdict.isAccepted()).isTrue();
        assertThat(verdict.client()).isSameAs(settlement);
        assertThat(verdict.status()).isEqualTo(200);
    }

    @Test
    void headerNamesAndTheDigestAndSignatureHexMayComeInAnyCase() {
        Map<String, String> headers = new TreeMap<>();
        sign(KEY).forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT),
                name.equals(SigningScheme.CONTENT_SHA256) || name.equals(SigningScheme.SIGNATURE)
                        ? value.toUpperCase(Locale.ROOT) : value));

        assertThat(verify("POST", PATH, headers, BODY).isAccepted()).isTrue();
    }

    @Test
    void aReplayWithTheNonceInAnotherCaseIsNotANewRequest() {
        Map<String, String> headers = new TreeMap<>(new RequestSigner(settlement.id(), KEY, clock,
                RequestSignerTest.fixedRandom(0xab)).headers("POST", PATH, BODY));
        assertThat(verify("POST", PATH, headers, BODY).isAccepted()).isTrue();

        headers.put(SigningScheme.NONCE, headers.get(SigningScheme.NONCE).toUpperCase(Locale.ROOT));

        // The nonce is signed as sent, so changing its case breaks the signature rather than dodging the cache.
        assertThat(headers.get(SigningScheme.NONCE)).isEqualTo("AB".repeat(16));
        assertRefused(verify("POST", PATH, headers, BODY), Refusal.BAD_SIGNATURE, "signature does not match");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Paycli-Key-Id", "X-Paycli-Timestamp", "X-Paycli-Nonce", "X-Paycli-Content-SHA256",
        "X-Paycli-Signature"})
    void aMissingHeaderIsNamed(String header) {
        Map<String, String> headers = new TreeMap<>(sign(KEY));
        headers.remove(header);

        assertRefused(verify("POST", PATH, headers, BODY), Refusal.MISSING_HEADERS, header + " is missing");
    }

    @Test
    void anUnsignedRequestNamesAllFiveHeaders() {
        assertRefused(verify("POST", PATH, Map.of(), BODY), Refusal.MISSING_HEADERS,
                "header X-Paycli-Key-Id, X-Paycli-Timestamp, X-Paycli-Nonce, X-Paycli-Content-SHA256,"
                        + " X-Paycli-Signature are missing");
    }

    @Test
    void aHeaderOutOfFormatIsRefusedAsMissing() {
        Map<String, String> headers = new TreeMap<>(sign(KEY));
        headers.put(SigningScheme.TIMESTAMP, "2026-12-02T03:00:00Z");

        assertRefused(verify("POST", PATH, headers, BODY), Refusal.MISSING_HEADERS,
                "X-Paycli-Timestamp is not a time in seconds");
    }

    @Test
    void anUnknownKeyIdIsRefused() {
        RequestSigner stranger = new RequestSigner("ci-unknown", KEY, clock, new SecureRandom());

        assertRefused(verify("POST", PATH, stranger.headers("POST", PATH, BODY), BODY), Refusal.UNKNOWN_KEY,
                "key id ci-unknown is not a client of this agent");
    }

    @Test
    void aSignatureMadeWithAnotherKeyIsRefusedWithoutShowingTheExpectedOne() {
        Map<String, String> headers = sign(OTHER_KEY);
        String expected = sign(KEY).get(SigningScheme.SIGNATURE);

        Verdict verdict = verify("POST", PATH, headers, BODY);

        assertRefused(verdict, Refusal.BAD_SIGNATURE, "does not match any key of client ci-settlement");
        String expectedForTheseHeaders = HexFormat.of().formatHex(SigningScheme.hmac(KEY, SigningScheme.canonical(
                "POST", PATH, headers.get(SigningScheme.TIMESTAMP), headers.get(SigningScheme.NONCE),
                headers.get(SigningScheme.CONTENT_SHA256))));
        assertThat(verdict.message()).doesNotContain(expected, expectedForTheseHeaders, new String(KEY,
                StandardCharsets.UTF_8));
    }

    @Test
    void anotherMethodOrPathThanSignedIsABadSignature() {
        Map<String, String> headers = sign(KEY);

        assertRefused(verify("PUT", PATH, headers, BODY), Refusal.BAD_SIGNATURE, "signature does not match");
        assertRefused(verify("POST", "/api/v1/deploy?wait=false", headers, BODY), Refusal.BAD_SIGNATURE,
                "signature does not match");
        assertThat(verify("POST", PATH, headers, BODY).isAccepted()).isTrue();
    }

    @Test
    void aSignatureWrongInOnlyItsFirstOrLastDigitIsRefused() {
        // Behaviour of a whole-value comparison: no prefix or suffix is enough (MessageDigest.isEqual does this in
        // constant time).
        for (int position : new int[] {0, 63}) {
            Map<String, String> headers = new TreeMap<>(sign(KEY));
            char[] signature = headers.get(SigningScheme.SIGNATURE).toCharArray();
            signature[position] = signature[position] == '0' ? '1' : '0';
            headers.put(SigningScheme.SIGNATURE, new String(signature));

            assertRefused(verify("POST", PATH, headers, BODY), Refusal.BAD_SIGNATURE, "signature does not match");
        }
    }

    @Test
    void aTruncatedSignatureIsNotAPrefixMatch() {
        Map<String, String> headers = new TreeMap<>(sign(KEY));
        headers.put(SigningScheme.SIGNATURE, headers.get(SigningScheme.SIGNATURE).substring(0, 32));

        assertRefused(verify("POST", PATH, headers, BODY), Refusal.MISSING_HEADERS, "X-Paycli-Signature is not 64");
    }

    @Test
    void aBodyChangedOnTheWayIsABadDigest() {
        byte[] tampered = "the bundle, changed".getBytes(StandardCharsets.UTF_8);

        assertRefused(verify("POST", PATH, sign(KEY), tampered), Refusal.BAD_DIGEST,
                "the body (19 bytes) does not match its signed SHA-256");
    }

    @Test
    void aRequestSignedTooLongAgoIsRefused() {
        Map<String, String> headers = sign(KEY);
        clock.advance(RequestVerifier.DEFAULT_SKEW.plusSeconds(1));

        assertRefused(verify("POST", PATH, headers, BODY), Refusal.CLOCK_SKEW,
                "signed 301 s before the agent's time, more than the 300 s allowed");
    }

    @Test
    void aSkewOfAFractionOfASecondTooMuchIsRefusedAndRoundedUp() {
        Map<String, String> headers = sign(KEY);
        clock.advance(RequestVerifier.DEFAULT_SKEW.plusMillis(1));

        assertRefused(verify("POST", PATH, headers, BODY), Refusal.CLOCK_SKEW, "signed 301 s before");
    }

    @Test
    void aRequestSignedInTheFutureIsRefused() {
        TestClock ahead = new TestClock(clock.instant().plus(RequestVerifier.DEFAULT_SKEW).plusSeconds(1));
        RequestSigner fastSigner = new RequestSigner(settlement.id(), KEY, ahead, new SecureRandom());

        assertRefused(verify("POST", PATH, fastSigner.headers("POST", PATH, BODY), BODY), Refusal.CLOCK_SKEW,
                "signed 301 s after the agent's time");
    }

    @Test
    void aRequestJustInsideTheSkewIsAcceptedEitherWay() {
        TestClock ahead = new TestClock(clock.instant().plus(RequestVerifier.DEFAULT_SKEW));
        RequestSigner fastSigner = new RequestSigner(settlement.id(), KEY, ahead, new SecureRandom());
        Map<String, String> old = sign(KEY);

        assertThat(verify("POST", PATH, fastSigner.headers("POST", PATH, BODY), BODY).isAccepted()).isTrue();
        clock.advance(RequestVerifier.DEFAULT_SKEW);
        assertThat(verify("POST", PATH, old, BODY).isAccepted()).isTrue();
    }

    @Test
    void aReplayedRequestIsRefused() {
        Map<String, String> headers = sign(KEY);
        assertThat(verify("POST", PATH, headers, BODY).isAccepted()).isTrue();

        clock.advance(Duration.ofMinutes(4));

        assertRefused(verify("POST", PATH, headers, BODY), Refusal.REPLAY, "was used before");
    }

    @Test
    void aReplayAfterTheWindowIsRefusedByTheClockAndItsNonceIsForgotten() {
        Map<String, String> headers = sign(KEY);
        assertThat(verify("POST", PATH, headers, BODY).isAccepted()).isTrue();
        assertThat(nonces.size()).isEqualTo(1);

        clock.advance(RequestVerifier.DEFAULT_SKEW.plusSeconds(1));

        assertRefused(verify("POST", PATH, headers, BODY), Refusal.CLOCK_SKEW, "before the agent's time");
        assertThat(verify("POST", PATH, sign(KEY), BODY).isAccepted()).isTrue();
        assertThat(nonces.size()).isEqualTo(1);
    }

    @Test
    void theNonceIsKeptUntilTheLastInstantTheClockCheckWouldPass() {
        Map<String, String> headers = sign(KEY);
        assertThat(verify("POST", PATH, headers, BODY).isAccepted()).isTrue();

        clock.advance(RequestVerifier.DEFAULT_SKEW);
        assertRefused(verify("POST", PATH, headers, BODY), Refusal.REPLAY, "was used before");

        clock.advance(Duration.ofMillis(1));
        assertRefused(verify("POST", PATH, headers, BODY), Refusal.CLOCK_SKEW, "before the agent's time");
    }

    @Test
    void aForgedRequestDoesNotUseUpTheNonceOfTheGenuineOne() {
        Map<String, String> genuine = sign(KEY);
        Map<String, String> forged = new TreeMap<>(genuine);
        forged.put(SigningScheme.SIGNATURE, "0".repeat(64));
        Map<String, String> otherBody = new TreeMap<>(genuine);
        otherBody.put(SigningScheme.CONTENT_SHA256, "1".repeat(64));

        assertRefused(verify("POST", PATH, forged, BODY), Refusal.BAD_SIGNATURE, "signature does not match");
        assertRefused(verify("POST", PATH, otherBody, new byte[0]), Refusal.BAD_SIGNATURE, "signature");
        assertRefused(verify("POST", PATH, genuine, "cut".getBytes(StandardCharsets.UTF_8)), Refusal.BAD_DIGEST,
                "does not match its signed SHA-256");

        assertThat(verify("POST", PATH, genuine, BODY).isAccepted()).isTrue();
    }

    @Test
    void duringARotationEitherKeyWorksButNoThird() {
        Client rotating = new Client("ci-settlement", List.of(NEXT_KEY, KEY), settlement.grants());
        RequestVerifier rotated = new RequestVerifier(Map.of(rotating.id(), rotating), clock,
                RequestVerifier.DEFAULT_SKEW, nonces);

        assertThat(rotated.verify("POST", PATH, lookup(sign(KEY)), BODY).isAccepted()).isTrue();
        assertThat(rotated.verify("POST", PATH, lookup(sign(NEXT_KEY)), BODY).isAccepted()).isTrue();
        assertRefused(rotated.verify("POST", PATH, lookup(sign(OTHER_KEY)), BODY), Refusal.BAD_SIGNATURE,
                "signature does not match");
    }

    @Test
    void grantsDecideWhatAnAcceptedClientMayDeploy() {
        assertThat(verifier.authorize(settlement, "settlement-api", "release").isAccepted()).isTrue();

        Verdict wrongEnv = verifier.authorize(settlement, "settlement-api", "prod");
        Verdict wrongApp = verifier.authorize(settlement, "billing", "beta");

        for (Verdict verdict : List.of(wrongEnv, wrongApp)) {
            assertThat(verdict.refusal()).isEqualTo(Refusal.NOT_ALLOWED);
            assertThat(verdict.status()).isEqualTo(403);
            assertThat(verdict.refusal().code()).isEqualTo("not-allowed");
        }
        assertThat(wrongEnv.message()).isEqualTo("client ci-settlement may not deploy settlement-api to prod;"
                + " the agent's config grants it apps [settlement-*] in [beta, release]");
    }

    @Test
    void aFullNonceCacheRefusesWithServiceUnavailable() {
        RequestVerifier tiny = new RequestVerifier(Map.of(settlement.id(), settlement), clock,
                RequestVerifier.DEFAULT_SKEW, new NonceCache(clock, 1));

        assertThat(tiny.verify("POST", PATH, lookup(sign(KEY)), BODY).isAccepted()).isTrue();
        Verdict full = tiny.verify("POST", PATH, lookup(sign(KEY)), BODY);

        assertThat(full.refusal()).isEqualTo(Refusal.NONCE_CACHE_FULL);
        assertThat(full.status()).isEqualTo(503);
    }

    private Map<String, String> sign(byte[] key) {
        return new RequestSigner(settlement.id(), key, clock, new SecureRandom()).headers("POST", PATH, BODY);
    }

    private Verdict verify(String method, String path, Map<String, String> headers, byte[] body) {
        return verifier.verify(method, path, lookup(headers), body);
    }

    /** Header names are case-insensitive in HTTP, as in Javalin's ctx::header. */
    private static java.util.function.Function<String, String> lookup(Map<String, String> headers) {
        TreeMap<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(headers);
        return byName::get;
    }

    private static void assertRefused(Verdict verdict, Refusal refusal, String messagePart) {
        assertThat(verdict.isAccepted()).as("accepted").isFalse();
        assertThat(verdict.refusal()).isEqualTo(refusal);
        assertThat(verdict.status()).isEqualTo(401);
        assertThat(verdict.message()).contains(messagePart).doesNotContain("\n");
    }
}
