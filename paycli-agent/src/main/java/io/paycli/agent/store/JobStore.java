package io.paycli.agent.store;

import io.paycli.agent.audit.AuditEntry;
import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InvalidInputException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The durable job queue. Every change is one transaction, so a job is never lost (it is in the database before
 * {@link #submit} returns) and never runs twice at once (a claim is atomic). At most one job per app and environment
 * runs at a time, in submission order, also with several agents on one PostgreSQL database: the claim takes the head
 * of a pair's queue only while nothing of that pair runs, and a partial unique index on the RUNNING jobs' (app, env)
 * refuses a second one whatever happens.
 * <p>
 * Thread-safe; several instances (agents) may share one database.
 */
public final class JobStore {
    /** A job whose runs were interrupted this often fails instead of running again: it may be what stops the agent. */
    public static final int MAX_ATTEMPTS = 3;
    private static final int CLAIM_TRIES = 20;
    private static final String WAITING = "('QUEUED', 'INTERRUPTED')";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final Database.Kind kind;
    private final Clock clock;
    private final JobLog.Cap logCap;

    public JobStore(Database database) {
        this(database, Clock.systemUTC());
    }

    public JobStore(Database database, Clock clock) {
        this(database, clock, JobLog.Cap.DEFAULT);
    }

    /** With another cap on the logs than 100,000 lines of 64 Ki characters: for tests. */
    JobStore(Database database, Clock clock, JobLog.Cap logCap) {
        this.sql = new Sql(database.dataSource());
        this.kind = database.kind();
        this.clock = clock;
        this.logCap = logCap;
    }

    /**
     * Queues a job. A client that sends an idempotency key it used before gets the job that key made (same id,
     * whatever its state), not a second job; its {@link Job#bundleDir()} is then the first request's.
     *
     * @throws InvalidInputException the key was used for another app, environment, tag or kind
     */
    public Job submit(NewJob job) {
        return submit(job, null);
    }

    /**
     * As {@link #submit(NewJob)}, and writes the audit entry {@code audit} makes of the job (new or retried) in the
     * same transaction: one commit per accepted submit instead of two, which on SQLite is one disk sync less while
     * the burst of submits waits for the single writer. If the entry cannot be written, no job is queued.
     *
     * @param audit the audit entry of the accepted request, given the job; null for none
     */
    public Job submit(NewJob job, Function<Job, AuditEntry> audit) {
        String id = newId();
        long now = clock.millis();
        return sql.inTransaction("submit job for " + job.app() + " in " + job.env(), c -> {
            int inserted;
            try (PreparedStatement s = c.prepareStatement("INSERT INTO jobs (id, client, app, env, tag, kind, "
                    + "idempotency_key, state, submitted_at, bundle_dir, dry_run, namespace, context, cluster) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT (client, idempotency_key) DO NOTHING")) {
                s.setString(1, id);
                s.setString(2, job.client());
                s.setString(3, job.app());
                s.setString(4, job.env());
                s.setString(5, job.tag());
                s.setString(6, job.kind().name());
                s.setString(7, job.idempotencyKey());
                s.setLong(8, now);
                s.setString(9, job.bundleDir());
                s.setInt(10, job.dryRun() ? 1 : 0);
                s.setString(11, job.target().namespace());
                s.setString(12, job.target().context());
                s.setString(13, job.target().cluster());
                inserted = s.executeUpdate();
            }
            if (inserted == 1) {
                return audited(c, JobRows.find(c, id).orElseThrow(), audit);
            }
            Job existing = JobRows.query(c, "SELECT " + JobRows.COLUMNS + " FROM jobs WHERE client = ? AND "
                    + "idempotency_key = ?", job.client(), job.idempotencyKey()).get(0);
            if (!existing.app().equals(job.app()) || !existing.env().equals(job.env())
                    || !existing.tag().equals(job.tag()) || existing.kind() != job.kind()
                    || existing.dryRun() != job.dryRun()) {
                throw new InvalidInputException("idempotency key " + job.idempotencyKey() + " of client "
                        + job.client() + " was used for job " + existing.id() + " (" + describe(existing)
                        + "), not for " + job.kind() + " " + job.app() + " " + job.tag() + " in " + job.env()
                        + (job.dryRun() ? " (dry run)" : ""));
            }
            return audited(c, existing, audit);
        });
    }

    private static Job audited(Connection c, Job job, Function<Job, AuditEntry> audit) throws SQLException {
        if (audit != null) {
            AuditStore.insert(c, audit.apply(job));
        }
        return job;
    }

    /**
     * Takes the oldest waiting job whose app and environment has nothing running, and marks it RUNNING under
     * {@code owner}. Empty when nothing can run now (or, rarely, when other agents won every race for a job: the
     * next poll tries again).
     */
    public Optional<Job> claim(String owner) {
        Objects.requireNonNull(owner, "owner");
        for (int i = 0; i < CLAIM_TRIES; i++) {
            try {
                return sql.inTransactionOrThrow(c -> claimOnce(c, owner));
            } catch (SQLException e) {
                // Another agent's claim for the same pair committed first: the unique index refused ours.
                if (!Sql.isUniqueViolation(e)) {
                    throw Sql.failed("claim a job for " + owner, e);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<Job> claimOnce(Connection c, String owner) throws SQLException {
        // Only the head of a pair's queue is a candidate, so an agent that skips a head another agent has locked
        // cannot take the job behind it and deploy the pair's versions out of order.
        String select = "SELECT j.id FROM jobs j WHERE j.state IN " + WAITING + " AND NOT EXISTS ("
                + "SELECT 1 FROM jobs o WHERE o.app = j.app AND o.env = j.env AND (o.state = 'RUNNING' "
                + "OR (o.state IN " + WAITING + " AND o.seq < j.seq))) ORDER BY j.seq LIMIT 1"
                + (kind == Database.Kind.POSTGRESQL ? " FOR UPDATE OF j SKIP LOCKED" : "");
        String id;
        try (PreparedStatement s = c.prepareStatement(select); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            id = rs.getString(1);
        }
        long now = clock.millis();
        try (PreparedStatement s = c.prepareStatement("UPDATE jobs SET state = 'RUNNING', owner = ?, "
                + "started_at = ?, heartbeat_at = ?, attempts = attempts + 1 WHERE id = ? AND state IN " + WAITING)) {
            s.setString(1, owner);
            s.setLong(2, now);
            s.setLong(3, now);
            s.setString(4, id);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return JobRows.find(c, id);
    }

    /**
     * Ends a RUNNING job. False when the job is not running (never claimed, already final, or re-queued after its
     * heartbeat went stale). With several agents on one database, prefer
     * {@link #finish(String, String, JobState, int)},
     * which also checks that the caller still owns the run.
     *
     * @param state SUCCEEDED, FAILED or CANCELLED
     */
    public boolean finish(String id, JobState state, int exitCode) {
        return finish(id, null, state, exitCode);
    }

    /** As {@link #finish(String, JobState, int)}, but only while {@code owner} (null: anyone) runs the job. */
    public boolean finish(String id, String owner, JobState state, int exitCode) {
        if (!state.isFinal()) {
            throw new IllegalArgumentException("a job finishes SUCCEEDED, FAILED or CANCELLED, not " + state);
        }
        long now = clock.millis();
        String update = "UPDATE jobs SET state = ?, exit_code = ?, finished_at = ? WHERE id = ? AND state = 'RUNNING'";
        return sql.inTransaction("finish job " + id, c -> owner == null
                ? Sql.update(c, update, state.name(), exitCode, now, id) == 1
                : Sql.update(c, update + " AND owner = ?", state.name(), exitCode, now, id, owner) == 1);
    }

    /**
     * Asks for a job to stop. A waiting job is CANCELLED at once (exit code 5, like an interrupted deploy) and never
     * runs; a running one gets {@link Job#cancelRequested()}, which its worker sees and acts on; a final one is
     * left as it is. Empty for an unknown id.
     */
    public Optional<Job> requestCancel(String id) {
        long now = clock.millis();
        return sql.inTransaction("cancel job " + id, c -> {
            Optional<Job> job = JobRows.find(c, id);
            if (job.isEmpty() || job.get().state().isFinal()) {
                return job;
            }
            if (job.get().state().isWaiting()) {
                Sql.update(c, "UPDATE jobs SET state = 'CANCELLED', cancel_requested = 1, exit_code = ?, "
                        + "finished_at = ? WHERE id = ?", ExitCodes.DEPLOY_FAILED, now, id);
                JobLog.append(c, id, "cancelled before it ran", now);
            } else {
                Sql.update(c, "UPDATE jobs SET cancel_requested = 1 WHERE id = ?", id);
            }
            return JobRows.find(c, id);
        });
    }

    public Optional<Job> get(String id) {
        return sql.read("read job " + id, c -> JobRows.find(c, id));
    }

    /** The newest jobs that match {@code filter}, newest first. */
    public List<Job> list(JobFilter filter) {
        return sql.read("list jobs", c -> JobRows.list(c, filter));
    }

    /**
     * Records what a RUNNING deploy job left in place, before it is finished SUCCEEDED: the release's namespace
     * (the engine's word over the bundle's) and revision. False when the job is not running.
     */
    public boolean recordRelease(String id, String namespace, int revision) {
        return sql.inTransaction("record the release of job " + id, c -> Sql.update(c, "UPDATE jobs SET "
                + "namespace = ?, revision = ? WHERE id = ? AND state = 'RUNNING'", namespace, revision, id) == 1);
    }

    /**
     * What each app runs in each environment by the agent's record: per app and environment its last successful
     * deploy that was not a dry run, sorted by app and environment. {@code GET /api/v1/releases} shows them and a
     * restore puts them back.
     */
    public List<DeployedRelease> lastDeployed() {
        return sql.read("list the deployed releases", DeployedRows::last);
    }

    /** How many jobs are in each state (every state present, zero or more): for metrics and the dashboard. */
    public Map<JobState, Long> countByState() {
        return sql.read("count jobs", c -> {
            Map<JobState, Long> counts = new EnumMap<>(JobState.class);
            for (JobState state : JobState.values()) {
                counts.put(state, 0L);
            }
            try (PreparedStatement s = c.prepareStatement("SELECT state, COUNT(*) FROM jobs GROUP BY state");
                 ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(JobState.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
            return counts;
        });
    }

    /**
     * The running worker's sign of life, every few seconds. False when {@code owner} no longer runs the job
     * (another agent took it over after {@link #requeueStale}); the worker then stops without finishing it.
     */
    public boolean heartbeat(String id, String owner) {
        long now = clock.millis();
        return sql.inTransaction("heartbeat of job " + id, c -> Sql.update(c, "UPDATE jobs SET heartbeat_at = ? "
                + "WHERE id = ? AND owner = ? AND state = 'RUNNING'", now, id, owner) == 1);
    }

    /**
     * Puts back the jobs that {@code owner} was running when it stopped without finishing them (a crash, a kill):
     * call it as the agent starts, before its workers claim anything, with the same instance id it used before.
     * Each such job gets a line in its log saying why, and becomes INTERRUPTED: waiting again, at the head of its
     * app and environment's queue, with one more attempt counted at its next claim. A job that a client was
     * cancelling becomes CANCELLED instead, and one already started {@value #MAX_ATTEMPTS} times FAILED (exit code 5
     * for both), as the job itself may be what brings the agent down.
     * <p>
     * <b>Why running a job again is safe.</b> A deploy is idempotent by construction: the deploy engine takes the
     * app's Lease lock in the cluster before it changes anything, applies desired state with server-side apply
     * (applying the same manifests twice changes nothing), and records the release only at the end. A rerun of a
     * half-done deploy converges to what one uninterrupted run would have left. It cannot overlap the interrupted
     * run in the cluster either: a process that still lives holds the Lease, so a rerun stops with "lock held"
     * (exit 6) instead of deploying alongside it.
     *
     * @return the jobs as they are now: INTERRUPTED (waiting again), or final
     */
    public List<Job> recoverAfterRestart(String owner) {
        Objects.requireNonNull(owner, "owner");
        return new Recovery(sql, kind, clock).interrupt("owner = ?", owner,
                "agent " + owner + " restarted while it ran");
    }

    /**
     * Puts back the RUNNING jobs whose heartbeat is older than {@code bound}, whoever owns them: with several
     * replicas, a replica that died does not restart under its old id, so another one sweeps up after it; each job
     * is then handled as by {@link #recoverAfterRestart}. The bound must be well above the heartbeat period, the
     * clock skew between replicas and the deploy Lease's TTL (30s): a worker that is slow but alive (a long GC pause,
     * a network split) still holds its Lease, so the rerun stops at "lock held" rather than deploying alongside it,
     * and its late {@link #finish(String, String, JobState, int)} and {@link #heartbeat} return false.
     */
    public List<Job> requeueStale(Duration bound) {
        long limit = clock.millis() - bound.toMillis();
        return new Recovery(sql, kind, clock).interrupt("heartbeat_at < ?", limit,
                "its agent sent no heartbeat for " + bound.toSeconds() + "s");
    }

    /**
     * Adds a line to a job's log and returns its sequence number (1, 2, ... per job). A runaway job cannot fill the
     * database: a line over 64 Ki characters is cut, and after 100,000 lines one more says the rest is dropped and
     * the log stops growing (the number returned then stays that line's).
     */
    public long appendLog(String jobId, String line) {
        long now = clock.millis();
        return sql.inTransaction("append to the log of job " + jobId,
                c -> JobLog.appendCapped(c, jobId, line, now, logCap));
    }

    /**
     * Adds lines to a job's log in one transaction (one disk sync), each as {@link #appendLog(String, String)} adds
     * one; returns the last one's sequence number (0 when {@code lines} is empty).
     */
    public long appendLog(String jobId, List<String> lines) {
        long now = clock.millis();
        return sql.inTransaction("append to the log of job " + jobId, c -> {
            long seq = 0;
            for (String line : lines) {
                seq = JobLog.appendCapped(c, jobId, line, now, logCap);
            }
            return seq;
        });
    }

    /** At most {@code max} (1 to 10,000) lines of a job's log after {@code afterSequence} (0: all), in order. */
    public List<LogLine> readLog(String jobId, long afterSequence, int max) {
        return sql.read("read the log of job " + jobId, c -> JobLog.read(c, jobId, afterSequence, max));
    }

    private static String describe(Job job) {
        return job.kind() + " " + job.app() + " " + job.tag() + " in " + job.env() + (job.dryRun() ? " (dry run)" : "");
    }

    /** 128 random bits in base64url: unguessable, and safe in a URL path. */
    private static String newId() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
