package io.paycli.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reading each app and environment's last successful deploy into {@link DeployedRelease}s. */
final class DeployedRows {
    private DeployedRows() {
    }

    static List<DeployedRelease> last(Connection c) throws SQLException {
        String select = "SELECT j.app, j.env, j.namespace, j.tag, j.revision, j.id, j.finished_at, j.client, "
                + "j.context, j.cluster FROM jobs j WHERE " + deployed("j") + " AND NOT EXISTS (SELECT 1 FROM jobs n "
                + "WHERE n.app = j.app AND n.env = j.env AND " + deployed("n") + " AND n.seq > j.seq) "
                + "ORDER BY j.app, j.env";
        try (PreparedStatement s = c.prepareStatement(select); ResultSet rs = s.executeQuery()) {
            List<DeployedRelease> releases = new ArrayList<>();
            while (rs.next()) {
                int revision = rs.getInt("revision");
                Integer rev = rs.wasNull() ? null : revision;
                long finished = rs.getLong("finished_at");
                Instant at = rs.wasNull() ? null : Instant.ofEpochMilli(finished);
                releases.add(new DeployedRelease(rs.getString("app"), rs.getString("env"), rs.getString("namespace"),
                        rs.getString("tag"), rev, rs.getString("id"), at, rs.getString("client"),
                        rs.getString("context"), rs.getString("cluster")));
            }
            return releases;
        }
    }

    /**
     * The rows of real deploys that ended well: a dry run changed nothing and a restore's row names no app, so
     * neither counts; a later successful deploy of the same pair replaces an earlier one.
     */
    private static String deployed(String alias) {
        return alias + ".kind = 'DEPLOY' AND " + alias + ".state = 'SUCCEEDED' AND " + alias + ".dry_run = 0";
    }
}
