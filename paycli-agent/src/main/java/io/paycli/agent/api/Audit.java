package io.paycli.agent.api;

import io.paycli.agent.audit.AuditEntry;
import io.paycli.agent.audit.AuditFile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.paycli.agent.store.AuditStore;
import java.time.Clock;

/**
 * The audit log: every request, accepted or refused, into the database (for queries and the dashboard) and into
 * {@code audit.jsonl} in the data directory (for log shipping, and readable when the database is not).
 */
public final class Audit {
    private final AuditStore store;
    private final AuditFile file;
    private final Clock clock;
    private final MeterRegistry meters;

    /** An audit log whose refusals are counted nowhere (tests that do not look at metrics). */
    public Audit(AuditStore store, AuditFile file, Clock clock) {
        this(store, file, clock, new SimpleMeterRegistry());
    }

    /** @param meters where {@code paycli.agent.requests.refused} counts the refusals by reason */
    public Audit(AuditStore store, AuditFile file, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.file = file;
        this.clock = clock;
        this.meters = meters;
    }

    /** What the request was, as far as it got; {@link #accepted} and {@link #refused} complete it. */
    public record Request(String client, String source, String method, String path, String app, String env,
                          String tag) {
        public Request with(String app, String env, String tag) {
            return new Request(client, source, method, path, app, env, tag);
        }

        /** The same request, from the caller it was authenticated as. */
        public Request by(String caller) {
            return new Request(caller, source, method, path, app, env, tag);
        }
    }

    public void accepted(Request request, String what) {
        write(request, AuditEntry.ACCEPTED, what);
    }

    /** @param reason a refusal code (bad-signature, not-allowed, too-large, ...): a small, fixed set of words */
    public void refused(Request request, String reason) {
        // Counted first: a refusal is worth alerting on even when the database that audits it is down.
        meters.counter("paycli.agent.requests.refused", "reason", reason).increment();
        write(request, AuditEntry.REFUSED, reason);
    }

    /**
     * The entry of an accepted request whose database row the caller writes in the transaction of what it accepted
     * ({@link io.paycli.agent.store.JobStore#submit(io.paycli.agent.store.NewJob, java.util.function.Function)});
     * after that commits, {@link #toFile} writes its line.
     */
    AuditEntry acceptedEntry(Request r, String what) {
        return new AuditEntry(clock.instant(), r.client(), r.source(), r.method(), r.path(), r.app(), r.env(),
                r.tag(), AuditEntry.ACCEPTED, what);
    }

    void toFile(AuditEntry entry) {
        file.append(entry);
    }

    private void write(Request r, String decision, String reason) {
        AuditEntry entry = new AuditEntry(clock.instant(), r.client(), r.source(), r.method(), r.path(), r.app(),
                r.env(), r.tag(), decision, reason);
        // The file first: it does not depend on the database being up.
        file.append(entry);
        store.append(entry);
    }
}
