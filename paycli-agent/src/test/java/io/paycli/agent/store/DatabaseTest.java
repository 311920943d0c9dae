package io.paycli.agent.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.paycli.core.error.ExitCodes;
import io.paycli.core.error.InvalidInputException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DatabaseTest {
    @TempDir
    Path dir;
    private TestDatabases databases;

    @AfterEach
    void close() {
        if (databases != null) {
            databases.close();
        }
    }

    private TestDatabases databases() {
        if (databases == null) {
            databases = new TestDatabases(dir);
        }
        return databases;
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void migratesTheSchemaAndKnowsItsKind(Database.Kind kind) throws SQLException {
        Database db = databases().fresh(kind);

        assertThat(db.kind()).isEqualTo(kind);
        assertThat(db.isReachable(5)).isTrue();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("jobs", "job_log", "audit")) {
                try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getLong(1)).as(table).isZero();
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = "
                    + (kind == Database.Kind.SQLITE ? "1" : "true"))) {
                List<String> versions = new ArrayList<>();
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
                assertThat(versions).containsExactly("1", "2", "3");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void reopeningAMigratedDatabaseKeepsItsData(Database.Kind kind) {
        String url = databases().freshUrl(kind);
        Database first = databases().open(url);
        Job job = new JobStore(first).submit(new NewJob("ci", "web", "beta", "1.0", JobKind.DEPLOY, null, "/b"));
        first.close();

        Database again = databases().open(url);

        assertThat(new JobStore(again).get(job.id())).contains(job);
    }

    @ParameterizedTest
    @EnumSource(Database.Kind.class)
    void theSchemaItselfRefusesASecondRunningJobOfAnAppAndEnv(Database.Kind kind) throws SQLException {
        Database db = databases().fresh(kind);
        JobStore store = new JobStore(db);
        Job first = store.submit(new NewJob("ci", "web", "beta", "1", JobKind.DEPLOY, null, "/b/1"));
        Job second = store.submit(new NewJob("ci", "web", "beta", "2", JobKind.DEPLOY, null, "/b/2"));
        Job otherEnv = store.submit(new NewJob("ci", "web", "release", "1", JobKind.DEPLOY, null, "/b/3"));

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE jobs SET state = 'RUNNING' WHERE id = '" + first.id() + "'");
            s.executeUpdate("UPDATE jobs SET state = 'RUNNING' WHERE id = '" + otherEnv.id() + "'");

            assertThatThrownBy(() -> s.executeUpdate("UPDATE jobs SET state = 'RUNNING' WHERE id = '"
                    + second.id() + "'")).isInstanceOf(SQLException.class).satisfies(
                            e -> assertThat(Sql.isUniqueViolation((SQLException) e)).isTrue());
        }
    }

    @Test
    void sqliteRunsInWalModeWithABusyTimeoutAndForeignKeys() throws SQLException {
        Database db = databases().fresh(Database.Kind.SQLITE);

        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            assertThat(pragma(s, "journal_mode")).isEqualTo("wal");
            assertThat(pragma(s, "busy_timeout")).isEqualTo(Integer.toString(Database.SQLITE_BUSY_TIMEOUT_MILLIS));
            assertThat(pragma(s, "foreign_keys")).isEqualTo("1");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO job_log (job_id, seq, written_at, line) "
                    + "VALUES ('no-such-job', 1, 0, 'x')")).isInstanceOf(SQLException.class)
                    .hasMessageContaining("FOREIGN KEY");
        }
    }

    @Test
    void sqliteCreatesTheFilesMissingDirectories() {
        Path file = dir.resolve("data/deeper/agent.db");

        databases().open("jdbc:sqlite:" + file);

        assertThat(file).isRegularFile();
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedInOneLineNamingIt() {
        assertThatThrownBy(() -> Database.open("jdbc:mysql://db.example/agent"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("database jdbc:mysql://db.example/agent: not a supported JDBC URL; use jdbc:sqlite:FILE "
                        + "or jdbc:postgresql://HOST:PORT/DB");
        assertThatThrownBy(() -> Database.open(" ")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("no JDBC URL given");
    }

    @Test
    void anInMemorySqliteDatabaseIsRefusedAsItWouldLoseTheQueue() {
        assertThatThrownBy(() -> Database.open("jdbc:sqlite::memory:"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("database jdbc:sqlite::memory:: an in-memory SQLite database loses the queue");
    }

    @Test
    void aSqliteFileUnderAFileIsRefusedNamingTheDirectory() throws Exception {
        Path blocker = Files.writeString(dir.resolve("not-a-dir"), "x");

        assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + blocker.resolve("agent.db")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("database jdbc:sqlite:" + blocker.resolve("agent.db")
                        + ": cannot create directory " + blocker);
    }

    @Test
    void anUnreachablePostgresqlIsOneLineNamingItWithoutThePassword() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/agent?user=agent&password=s3cret";

        assertThatThrownBy(() -> Database.open(url))
                .isInstanceOf(StoreException.class)
                .satisfies(e -> {
                    assertThat(((StoreException) e).exitCode()).isEqualTo(ExitCodes.INTERNAL);
                    assertThat(e.getMessage())
                            .startsWith("database jdbc:postgresql://127.0.0.1:" + port
                                    + "/agent?user=agent&password=***: cannot connect: ")
                            .contains("refused")
                            .doesNotContain("s3cret")
                            .doesNotContain("\n");
                });
    }

    @Test
    void aClosedDatabaseIsNotReachable() {
        Database db = databases().fresh(Database.Kind.SQLITE);
        db.close();

        assertThat(db.isReachable(1)).isFalse();
    }

    private static String pragma(Statement s, String name) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
