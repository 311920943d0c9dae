package io.paycli.agent.store;

import io.paycli.core.error.ExitCodes;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Puts back RUNNING jobs whose agent stopped without finishing them, as {@link JobStore#recoverAfterRestart}
 * describes (where it also says why running them again is safe): CANCELLED if a client was cancelling them, FAILED
 * after {@value JobStore#MAX_ATTEMPTS} runs, else INTERRUPTED, each with a line in its log.
 */
final class Recovery {
    private final Sql sql;
    private final Database.Kind kind;
    private final Clock clock;

    Recovery(Sql sql, Database.Kind kind, Clock clock) {
        this.sql = sql;
        this.kind = kind;
        this.clock = clock;
    }

    /** Handles the RUNNING jobs that match {@code condition} (one parameter) as the class describes. */
    List<Job> interrupt(String condition, Object param, String why) {
        long now = clock.millis();
        return sql.inTransaction("recover the jobs of which " + why, c -> {
            // Locking the rows makes two replicas that sweep at once handle each job once: the second one waits,
            // then no longer sees the job as RUNNING.
            List<Job> running = JobRows.query(c, "SELECT " + JobRows.COLUMNS + " FROM jobs WHERE state = 'RUNNING' "
                    + "AND " + condition + " ORDER BY seq" + (kind == Database.Kind.POSTGRESQL ? " FOR UPDATE" : ""),
                    param);
            List<Job> recovered = new ArrayList<>();
            for (Job job : running) {
                recovered.add(recover(c, job, why, now));
            }
            return recovered;
        });
    }

    private Job recover(Connection c, Job job, String why, long now) throws SQLException {
        String run = "run " + job.attempts() + " stopped: " + why;
        if (job.cancelRequested()) {
            end(c, job, JobState.CANCELLED, now);
            JobLog.append(c, job.id(), run + "; it was being cancelled, so it is cancelled", now);
        } else if (job.attempts() >= JobStore.MAX_ATTEMPTS) {
            end(c, job, JobState.FAILED, now);
            JobLog.append(c, job.id(), run + "; it failed after " + job.attempts() + " interrupted runs", now);
        } else {
            Sql.update(c, "UPDATE jobs SET state = 'INTERRUPTED', owner = NULL, heartbeat_at = NULL "
                    + "WHERE id = ?", job.id());
            JobLog.append(c, job.id(), run + "; it will run again", now);
        }
        return JobRows.find(c, job.id()).orElseThrow();
    }

    private static void end(Connection c, Job job, JobState state, long now) throws SQLException {
        Sql.update(c, "UPDATE jobs SET state = ?, exit_code = ?, finished_at = ? WHERE id = ?",
                state.name(), ExitCodes.DEPLOY_FAILED, now, job.id());
    }
}
