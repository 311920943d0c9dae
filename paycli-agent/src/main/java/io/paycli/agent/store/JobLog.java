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

    /**
     * How much of a runaway job's output the database takes: a line is cut at {@code lineChars} characters, and after
     * {@code lines} lines one more says the rest is dropped.
     */
    record Cap(int lines, int lineChars) {
        static final Cap DEFAULT = new Cap(100_000, 64 * 1024);

        Cap {
            if (lines < 1 || lineChars < 1) {
                throw new IllegalArgumentException("a log cap of " + lines + " lines of " + lineChars + " chars");
            }
        }
    }

    private JobLog() {
    }

    /**
     * {@link #append} within {@code cap}: a long line is cut with a note of how much was cut; the line after the
     * last allowed one says that the rest is dropped, and later lines are not written (the returned number is then
     * that of the note, so a caller sees the log stop growing).
     */
    static long appendCapped(Connection c, String jobId, String line, long nowMillis, Cap cap) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement(
                "UPDATE jobs SET log_seq = log_seq + 1 WHERE id = ? AND log_seq <= ?")) {
            bump.setString(1, jobId);
            bump.setLong(2, cap.lines());
            if (bump.executeUpdate() == 0) {
                return currentSeq(c, jobId); // the log is full (or there is no such job: that says so)
            }
        }
        long seq = currentSeq(c, jobId);
        String text = seq > cap.lines()
                ? "(this job's log reached " + cap.lines() + " lines: later lines are dropped)"
                : cut(line, cap.lineChars());
        insert(c, jobId, seq, text, nowMillis);
        return seq;
    }

    private static String cut(String line, int max) {
        if (line.length() <= max) {
            return line;
        }
        // Never split a surrogate pair: half a character is not valid text for PostgreSQL.
        int end = Character.isHighSurrogate(line.charAt(max - 1)) ? max - 1 : max;
        return line.substring(0, end) + " ... (cut: " + (line.length() - end) + " more characters)";
    }

    static long append(Connection c, String jobId, String line, long nowMillis) throws SQLException {
        try (PreparedStatement bump = c.prepareStatement("UPDATE jobs SET log_seq = log_seq + 1 WHERE id = ?")) {
            bump.setString(1, jobId);
            if (bump.executeUpdate() == 0) {
                throw new InvalidInputException("job " + jobId + ": no such job, so no log line for it");
            }
        }
        long seq = currentSeq(c, jobId);
        insert(c, jobId, seq, line, nowMillis);
        return seq;
    }

    private static long currentSeq(Connection c, String jobId) throws SQLException {
        try (PreparedStatement read = c.prepareStatement("SELECT log_seq FROM jobs WHERE id = ?")) {
            read.setString(1, jobId);
            try (ResultSet rs = read.executeQuery()) {
                if (!rs.next()) {
                    throw new InvalidInputException("job " + jobId + ": no such job, so no log line for it");
                }
                return rs.getLong(1);
            }
        }
    }

    private static void insert(Connection c, String jobId, long seq, String line, long nowMillis)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO job_log (job_id, seq, written_at, line) VALUES (?, ?, ?, ?)")) {
            insert.setString(1, jobId);
            insert.setLong(2, seq);
            insert.setLong(3, nowMillis);
            insert.setString(4, line);
            insert.executeUpdate();
        }
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
