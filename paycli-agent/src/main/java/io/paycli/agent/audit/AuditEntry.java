package io.paycli.agent.audit;

import java.time.Instant;

/**
 * One request to the agent, accepted or refused, as the audit log keeps it. Fields the request did not get as far
 * as naming (a refused request with an unreadable bundle has no app) are null.
 *
 * @param time     when the agent decided
 * @param client   the key id the request named, as sent (also when unknown)
 * @param source   the address the request came from
 * @param method   the HTTP method
 * @param path     the path asked for
 * @param app      the app of a deploy request
 * @param env      its environment
 * @param tag      its version
 * @param decision {@code accepted} or {@code refused}
 * @param reason   why it was refused (bad-signature, clock-skew, replay, unknown-key, not-allowed, bad-bundle, ...),
 *                 or what was accepted (for example the job id)
 */
public record AuditEntry(Instant time, String client, String source, String method, String path, String app,
                         String env, String tag, String decision, String reason) {
    public static final String ACCEPTED = "accepted";
    public static final String REFUSED = "refused";
}
