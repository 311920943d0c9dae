package io.paycli.agent.auth;

import java.util.Objects;

/**
 * What {@link RequestVerifier} decided.
 *
 * @param client  who asked, when the request was accepted; otherwise null
 * @param refusal why it was refused; null when accepted
 * @param message for a refusal, one sentence the caller can act on; it never holds a key or an expected signature
 */
public record Verdict(Client client, Refusal refusal, String message) {
    public Verdict {
        if ((client == null) == (refusal == null)) {
            throw new IllegalArgumentException("a verdict either accepts a client or refuses for a reason");
        }
        if (refusal != null) {
            Objects.requireNonNull(message, "message");
        }
    }

    public static Verdict accepted(Client client) {
        return new Verdict(client, null, null);
    }

    public static Verdict refused(Refusal refusal, String message) {
        return new Verdict(null, refusal, message);
    }

    public boolean isAccepted() {
        return refusal == null;
    }

    /** The HTTP status to answer a refusal with; 200 for an accepted request. */
    public int status() {
        return refusal == null ? 200 : refusal.status();
    }
}
