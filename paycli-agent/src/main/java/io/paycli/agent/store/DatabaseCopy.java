package io.paycli.agent.store;

import io.paycli.core.error.InvalidInputException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Moves the agent's records to another database, such as from the SQLite file of one agent to the PostgreSQL
 * database of several: every job with its log, and the audit log, in their order. The releases list and the
 * restore read the jobs, so a move that left them behind would leave the agent knowing of nothing it deployed.
 * The source must be at rest (no job running: the agent stopped) and the target empty; the target is written in
 * one transaction, so a failed copy leaves it as empty as it was.
 */
public final class DatabaseCopy {
    private static final int BATCH = 500;

    /** What was copied. */
    public record Copied(long jobs, long logLines, long auditEntries) {
    }

    private DatabaseCopy() {
    }

    /** Both databases are open, so both are migrated to this version's schema: the columns are the same. */
    public static Copied copy(Database from, Database to) {
        Sql source = new Sql(from.dataSource());
        List<String> running = source.read("read the jobs of " + from.displayUrl(), c -> strings(c,
                "SELECT id FROM jobs WHERE state = 'RUNNING' ORDER BY seq"));
        if (!running.isEmpty()) {
            throw new InvalidInputException(from.displayUrl() + ": job " + running.get(0) + (running.size() > 1
                    ? " and " + (running.size() - 1) + " more are" : " is") + " running: stop the agent (SIGTERM)"
                    + " before copying its database");
        }
        Sql target = new Sql(to.dataSource());
        long held = target.read("read " + to.displayUrl(), c -> count(c, "SELECT COUNT(*) FROM jobs")
                + count(c, "SELECT COUNT(*) FROM audit"));
        if (held > 0) {
            throw new InvalidInputException(to.displayUrl() + " already holds jobs or audit entries: copy into an"
                    + " empty database");
        }
        return source.read("read " + from.displayUrl(), in -> target.inTransaction("write " + to.displayUrl(),
                out -> new Copied(
                        rows(in, out, "jobs", "SELECT * FROM jobs ORDER BY seq", "seq"),
                        rows(in, out, "job_log", "SELECT * FROM job_log ORDER BY job_id, seq", null),
                        rows(in, out, "audit", "SELECT * FROM audit ORDER BY id", "id"))));
    }

    /**
     * Copies every row {@code select} reads into {@code table}, in the order read, leaving out {@code autoId}: the
     * target numbers its rows itself, in the same order, and its counter goes on from there.
     */
    private static long rows(Connection in, Connection out, String table, String select, String autoId)
            throws SQLException {
        long copied = 0;
        try (Statement read = in.createStatement(); ResultSet rows = read.executeQuery(select)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<Integer> columns = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                if (!meta.getColumnName(i).equalsIgnoreCase(String.valueOf(autoId))) {
                    columns.add(i);
                    names.add(meta.getColumnName(i).toLowerCase(java.util.Locale.ROOT));
                }
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", names) + ") VALUES ("
                    + String.join(", ", names.stream().map(n -> "?").toList()) + ")";
            try (PreparedStatement write = out.prepareStatement(insert)) {
                while (rows.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        Object value = rows.getObject(columns.get(i));
                        if (value == null) {
                            write.setNull(i + 1, Types.NULL);
                        } else {
                            write.setObject(i + 1, value);
                        }
                    }
                    write.addBatch();
                    if (++copied % BATCH == 0) {
                        write.executeBatch();
                    }
                }
                write.executeBatch();
            }
        }
        return copied;
    }

    private static long count(Connection c, String query) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            r.next();
            return r.getLong(1);
        }
    }

    private static List<String> strings(Connection c, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(query)) {
            while (r.next()) {
                values.add(r.getString(1));
            }
        }
        return values;
    }
}
