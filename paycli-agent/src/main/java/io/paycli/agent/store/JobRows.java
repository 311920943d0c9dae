package io.paycli.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading rows of the jobs table into {@link Job}s. */
final class JobRows {
    static final String COLUMNS = "id, client, app, env, tag, kind, idempotency_key, state, exit_code, owner, "
            + "attempts, cancel_requested, submitted_at, started_at, finished_at, heartbeat_at, bundle_dir, dry_run";

    private JobRows() {
    }

    static Optional<Job> find(Connection c, String id) throws SQLException {
        List<Job> jobs = query(c, "SELECT " + COLUMNS + " FROM jobs WHERE id = ?", id);
        return jobs.stream().findFirst();
    }

    static List<Job> list(Connection c, JobFilter filter) throws SQLException {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (filter.app() != null) {
            where.append(" AND app = ?");
            params.add(filter.app());
        }
        if (filter.env() != null) {
            where.append(" AND env = ?");
            params.add(filter.env());
        }
        if (filter.state() != null) {
            where.append(" AND state = ?");
            params.add(filter.state().name());
        }
        params.add(filter.limit());
        return query(c, "SELECT " + COLUMNS + " FROM jobs" + where + " ORDER BY seq DESC LIMIT ?", params.toArray());
    }

    static List<Job> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<Job> jobs = new ArrayList<>();
                while (rs.next()) {
                    jobs.add(read(rs));
                }
                return jobs;
            }
        }
    }

    private static Job read(ResultSet rs) throws SQLException {
        int exitCode = rs.getInt("exit_code");
        Integer exit = rs.wasNull() ? null : exitCode;
        return new Job(
                rs.getString("id"),
                rs.getString("client"),
                rs.getString("app"),
                rs.getString("env"),
                rs.getString("tag"),
                JobKind.valueOf(rs.getString("kind")),
                rs.getString("idempotency_key"),
                JobState.valueOf(rs.getString("state")),
                exit,
                rs.getString("owner"),
                rs.getInt("attempts"),
                rs.getInt("cancel_requested") != 0,
                instant(rs, "submitted_at"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                instant(rs, "heartbeat_at"),
                rs.getString("bundle_dir"), rs.getInt("dry_run") != 0);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
