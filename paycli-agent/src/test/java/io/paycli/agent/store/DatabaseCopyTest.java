package io.paycli.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.agent.audit.AuditEntry;
import io.paycli.core.error.InvalidInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The move from one agent's SQLite file to a PostgreSQL database keeps every job, log line and audit entry. */
class DatabaseCopyTest {
    @TempDir
    Path tmp;

    private TestDatabases databases;

    @AfterEach
    void close() {
        databases.close();
    }

    private Database sqliteWithHistory() {
        databases = new TestDatabases(tmp);
        Database sqlite = databases.fresh(Database.Kind.SQLITE);
        JobStore jobs = new JobStore(sqlite);
        Job done = jobs.submit(new NewJob("ci-web", "campaign-web", "beta", "1.0.0", JobKind.DEPLOY, "k-1",
                "/data/bundles/1", false, new JobTarget("promotion-beta", "beta-cluster", "beta")));
        jobs.claim("agent-0");
        jobs.appendLog(done.id(), "==> job " + done.id() + ": deploy 1.0.0 to beta");
        jobs.appendLog(done.id(), "==> deployed campaign-web 1.0.0 to beta as revision 1");
        jobs.recordRelease(done.id(), "promotion-beta", 1);
        jobs.finish(done.id(), "agent-0", JobState.SUCCEEDED, 0);
        jobs.submit(new NewJob("ci-web", "campaign-web", "beta", "1.1.0", JobKind.DEPLOY, null, "/data/bundles/2",
                true, JobTarget.UNKNOWN));
        AuditStore audit = new AuditStore(sqlite);
        audit.append(new AuditEntry(Instant.parse("2026-12-01T10:00:00Z"), "ci-web", "10.0.0.7", "POST",
                "/api/v1/deployments", "campaign-web", "beta", "1.0.0", AuditEntry.ACCEPTED, "job " + done.id()));
        audit.append(new AuditEntry(Instant.parse("2026-12-01T10:00:01Z"), null, "10.0.0.9", "POST",
                "/api/v1/deployments", null, null, null, AuditEntry.REFUSED, "bad-signature"));
        return sqlite;
    }

    @Test
    void everyJobLogLineAndAuditEntryIsCopiedInOrderAndTheQueueGoesOn() {
        Database sqlite = sqliteWithHistory();
        Database postgres = databases.fresh(Database.Kind.POSTGRESQL);

        DatabaseCopy.Copied copied = DatabaseCopy.copy(sqlite, postgres);

        assertThat(copied).isEqualTo(new DatabaseCopy.Copied(2, 2, 2));
        JobStore from = new JobStore(sqlite);
        JobStore to = new JobStore(postgres);
        assertThat(to.list(JobFilter.all(100))).isEqualTo(from.list(JobFilter.all(100)));
        String first = from.list(JobFilter.all(100)).stream().filter(j -> j.tag().equals("1.0.0")).findFirst()
                .orElseThrow().id();
        assertThat(to.readLog(first, 0, 10)).isEqualTo(from.readLog(first, 0, 10));
        assertThat(to.lastDeployed()).isEqualTo(from.lastDeployed()).singleElement()
                .satisfies(r -> assertThat(r.revision()).isEqualTo(1));
        assertThat(new AuditStore(postgres).recent(10, false)).isEqualTo(new AuditStore(sqlite).recent(10, false));
        // The waiting job is still first in line, and a new one queues behind it.
        Job later = to.submit(new NewJob("ci-web", "campaign-api", "beta", "2.0.0", JobKind.DEPLOY, null, "/b/3",
                false, JobTarget.UNKNOWN));
        assertThat(to.claim("agent-1")).get().extracting(Job::tag).isEqualTo("1.1.0");
        assertThat(to.claim("agent-1")).get().extracting(Job::id).isEqualTo(later.id());
    }

    @Test
    void aRunningJobOrATargetThatHoldsRecordsIsRefusedAndNothingIsWritten() {
        Database sqlite = sqliteWithHistory();
        Database postgres = databases.fresh(Database.Kind.POSTGRESQL);
        new JobStore(postgres).submit(new NewJob("ci-web", "campaign-web", "beta", "9.0.0", JobKind.DEPLOY, null,
                "/b/9", false, JobTarget.UNKNOWN));

        assertThatThrownBy(() -> DatabaseCopy.copy(sqlite, postgres)).isInstanceOf(InvalidInputException.class)
                .hasMessage(postgres.displayUrl() + " already holds jobs or audit entries: copy into an empty"
                        + " database");

        Job running = new JobStore(sqlite).claim("agent-0").orElseThrow();
        Database empty = databases.fresh(Database.Kind.POSTGRESQL);
        assertThatThrownBy(() -> DatabaseCopy.copy(sqlite, empty)).isInstanceOf(InvalidInputException.class)
                .hasMessage(sqlite.displayUrl() + ": job " + running.id() + " is running: stop the agent (SIGTERM)"
                        + " before copying its database");
        assertThat(new JobStore(empty).list(JobFilter.all(100))).isEmpty();
    }
}
