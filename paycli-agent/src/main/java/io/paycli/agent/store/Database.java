package io.paycli.agent.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.paycli.core.error.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The agent's database, migrated to the current schema and pooled: a SQLite file by default, PostgreSQL for
 * production and for several agent replicas sharing one queue. Flyway owns the schema (one portable set of
 * migrations in {@code db/agent}); Flyway's own lock makes replicas that start together migrate once.
 */
public final class Database implements AutoCloseable {

    /** Which database a URL names. */
    public enum Kind { SQLITE, POSTGRESQL }

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final String POSTGRESQL_PREFIX = "jdbc:postgresql:";
    private static final Pattern PASSWORD = Pattern.compile("(?i)(password=)[^&;]*");
    /** How long a SQLite writer waits for another one before giving up; claims and log lines are short. */
    static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;

    private final HikariDataSource pool;
    private final Kind kind;
    private final String shownUrl;

    private Database(HikariDataSource pool, Kind kind, String shownUrl) {
        this.pool = pool;
        this.kind = kind;
        this.shownUrl = shownUrl;
    }

    /**
     * Connects to {@code jdbcUrl} ({@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST[:PORT]/DB?...}) and
     * migrates its schema. A SQLite file's missing parent directories are created.
     *
     * @throws InvalidInputException a URL of another database, an in-memory SQLite or an unusable file path
     * @throws StoreException        the database cannot be reached or migrated
     */
    public static Database open(String jdbcUrl) {
        return open(jdbcUrl, Optional.empty());
    }

    /**
     * As {@link #open(String)}, with the password given apart from the URL (from the environment, so that it is
     * never in a file or a message). A password in the URL also works, and is shown as {@code ***}.
     */
    public static Database open(String jdbcUrl, Optional<String> password) {
        if (jdbcUrl == null || jdbcUrl.isBlank()) {
            throw new InvalidInputException("database: no JDBC URL given; use jdbc:sqlite:FILE or "
                    + "jdbc:postgresql://HOST:PORT/DB");
        }
        String shown = redact(jdbcUrl.strip());
        Kind kind = kindOf(jdbcUrl.strip(), shown);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl.strip());
        config.setPoolName("paycli-agent-db");
        password.ifPresent(config::setPassword);
        // Fail at once when the database is not there, rather than on the first request.
        config.setInitializationFailTimeout(1);
        if (kind == Kind.SQLITE) {
            createParent(sqliteFile(jdbcUrl.strip(), shown), shown);
            // SQLite has one writer at a time; a few connections let readers (dashboard, log streams) run
            // alongside it in WAL mode.
            config.setMaximumPoolSize(4);
            sqlitePragmas().forEach(config::addDataSourceProperty);
        } else {
            config.setMaximumPoolSize(8);
            config.addDataSourceProperty("connectTimeout", "10");
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StoreException("database " + shown + ": cannot connect: " + rootMessage(e), e);
        }
        Database database = new Database(pool, kind, shown);
        try {
            database.migrate();
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * Every connection of a SQLite pool: write-ahead log (readers do not block the writer), a wait instead of an
     * immediate SQLITE_BUSY, foreign keys enforced, and transactions that take the write lock at BEGIN
     * (BEGIN IMMEDIATE). The last one is what serialises claims: a deferred transaction that reads the queue and
     * then tries to write can fail with SQLITE_BUSY at once, without waiting, when another writer got in between.
     */
    private static Map<String, String> sqlitePragmas() {
        return Map.of(
                "journal_mode", "WAL",
                "busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MILLIS),
                "foreign_keys", "true",
                "transaction_mode", "IMMEDIATE");
    }

    private void migrate() {
        String autoId = kind == Kind.SQLITE
                ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
        try {
            Flyway.configure()
                    .dataSource(pool)
                    .locations("classpath:db/agent")
                    .placeholders(Map.of("auto_id", autoId))
                    .failOnMissingLocations(true)
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StoreException("database " + shownUrl + ": cannot migrate the schema: "
                    + oneLine(e.getMessage()), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    public Kind kind() {
        return kind;
    }

    /** The URL as given, with any password replaced by {@code ***}: safe for logs and messages. */
    public String displayUrl() {
        return shownUrl;
    }

    /** Whether a connection answers within {@code timeoutSeconds}: the readiness probe's question. */
    public boolean isReachable(int timeoutSeconds) {
        try (Connection c = pool.getConnection()) {
            return c.isValid(timeoutSeconds);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    private static Kind kindOf(String url, String shown) {
        if (url.startsWith(SQLITE_PREFIX)) {
            return Kind.SQLITE;
        }
        if (url.startsWith(POSTGRESQL_PREFIX)) {
            return Kind.POSTGRESQL;
        }
        throw new InvalidInputException("database " + shown + ": not a supported JDBC URL; use jdbc:sqlite:FILE or "
                + "jdbc:postgresql://HOST:PORT/DB");
    }

    private static Path sqliteFile(String url, String shown) {
        String rest = url.substring(SQLITE_PREFIX.length());
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.startsWith(":memory:") || url.contains("mode=memory")) {
            throw new InvalidInputException("database " + shown + ": an in-memory SQLite database loses the queue "
                    + "when the agent stops; name a file, as in jdbc:sqlite:/var/lib/paycli-agent/agent.db");
        }
        try {
            return Path.of(file).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new InvalidInputException("database " + shown + ": not a file path: " + file);
        }
    }

    private static void createParent(Path file, String shown) {
        Path parent = file.getParent();
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidInputException("database " + shown + ": " + file + " is a directory, not a file");
            }
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new InvalidInputException("database " + shown + ": cannot create directory " + parent + ": "
                    + e.getMessage());
        }
    }

    /** {@code url} with the value of any password parameter replaced by {@code ***}. */
    public static String redact(String url) {
        return PASSWORD.matcher(url).replaceAll("$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return oneLine(t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage());
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
