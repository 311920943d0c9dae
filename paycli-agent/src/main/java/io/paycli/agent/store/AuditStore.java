package io.paycli.agent.store;

import io.paycli.agent.audit.AuditEntry;
import io.paycli.core.error.InvalidInputException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log in the database: every request, accepted or refused. Append-only: there is no API to change or
 * remove an entry. Times are kept to the millisecond.
 */
public final class AuditStore {
    public static final int MAX_RECENT = 1000;

    private final Sql sql;

    public AuditStore(Database database) {
        this.sql = new Sql(database.dataSource());
    }

    public void append(AuditEntry e) {
        sql.inTransaction("append to the audit log", c -> insert(c, e));
    }

    /** Writes {@code e} on {@code c}, in the caller's transaction (a submit's entry commits with its job). */
    static int insert(Connection c, AuditEntry e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO audit (decided_at, client, source, method, "
                + "path, app, env, tag, decision, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setLong(1, e.time().toEpochMilli());
            s.setString(2, e.client());
            s.setString(3, e.source());
            s.setString(4, e.method());
            s.setString(5, e.path());
            s.setString(6, e.app());
            s.setString(7, e.env());
            s.setString(8, e.tag());
            s.setString(9, e.decision());
            s.setString(10, e.reason());
            return s.executeUpdate();
        }
    }

    /** The newest {@code limit} (1 to 1000) entries, newest first; only the refused ones if {@code refusedOnly}. */
    public List<AuditEntry> recent(int limit, boolean refusedOnly) {
        return recent(limit, refusedOnly, null);
    }

    /** As {@link #recent(int, boolean)}, only of the requests naming {@code client} when it is not null. */
    public List<AuditEntry> recent(int limit, boolean refusedOnly, String client) {
        if (limit < 1 || limit > MAX_RECENT) {
            throw new InvalidInputException("audit log: limit must be 1 to " + MAX_RECENT + ", not " + limit);
        }
        List<String> where = new ArrayList<>();
        if (refusedOnly) {
            where.add("decision = ?");
        }
        if (client != null) {
            where.add("client = ?");
        }
        return sql.read("read the audit log", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT decided_at, client, source, method, path, app, env, "
                    + "tag, decision, reason FROM audit" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ",
                    where)) + " ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                if (refusedOnly) {
                    s.setString(i++, AuditEntry.REFUSED);
                }
                if (client != null) {
                    s.setString(i++, client);
                }
                s.setInt(i, limit);
                try (ResultSet rs = s.executeQuery()) {
                    List<AuditEntry> entries = new ArrayList<>();
                    while (rs.next()) {
                        entries.add(new AuditEntry(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
                                rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                                rs.getString(8), rs.getString(9), rs.getString(10)));
                    }
                    return entries;
                }
            }
        });
    }
}
