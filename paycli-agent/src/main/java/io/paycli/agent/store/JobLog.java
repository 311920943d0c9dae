package io.paycli.agent.store;

import io.paycli.core.error.InvalidInputException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The job_log table. A line's sequence number comes from a counter on the job's row: bumping it locks the row
 * (PostgreSQL) or happens under the write lock (SQLite), so concurrent writers to one job get distinct, gapless
 * numbers in the order their lines commit.
 */
final class JobLog {
    static final int MAX_READ = 10_000;

    private JobLog() {
    }

    static long append(Connection c, String jobId, String line, long nowMillis) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement("UPDATE jobs SET log_seq = log_seq + 1 WHERE id = ?")) {
            bump.setString(1, jobId);
            if (bump.executeUpdate() == 0) {
                throw new InvalidInputException("job " + jobId + ": no such job, so no log line for it");
            }
        }
        long seq;
        try (PreparedStatement read = c.prepareStatement("SELECT log_seq FROM jobs WHERE id = ?")) {
            read.setString(1, jobId);
            try (ResultSet rs = read.executeQuery()) {
                rs.next();
                seq = rs.getLong(1);
            }
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO job_log (job_id, seq, written_at, line) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, jobId);
            insert.setLong(2, seq);
            insert.setLong(3, nowMillis);
            insert.setString(4, line);
            insert.executeUpdate();
        }
        return seq;
    }

    static List<LogLine> read(Connection c, String jobId, long afterSequence, int max) throws SQLException {
        if (max < 1 || max > MAX_READ) {
            throw new InvalidInputException("job " + jobId + " log: max must be 1 to " + MAX_READ + ", not " + max);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT seq, written_at, line FROM job_log "
                + "WHERE job_id = ? AND seq > ? ORDER BY seq LIMIT ?")) {
            s.setString(1, jobId);
            s.setLong(2, afterSequence);
            s.setInt(3, max);
            try (ResultSet rs = s.executeQuery()) {
                List<LogLine> lines = new ArrayList<>();
                while (rs.next()) {
                    lines.add(new LogLine(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3)));
                }
                return lines;
            }
        }
    }
}
