package io.paycli.agent.store;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fresh databases of either kind for one test, closed together at its end: a new SQLite file in the test's temp
 * directory, or a new database on the test PostgreSQL server.
 */
final class TestDatabases implements AutoCloseable {
    private static final AtomicInteger FILES = new AtomicInteger();

    private final Path dir;
    private final List<Database> opened = new ArrayList<>();

    TestDatabases(Path dir) {
        this.dir = dir;
    }

    /** The JDBC URL of a new, empty database. */
    String freshUrl(Database.Kind kind) {
        return kind == Database.Kind.SQLITE
                ? "jdbc:sqlite:" + dir.resolve("agent-" + FILES.incrementAndGet() + ".db")
                : TestPostgres.get().newDatabaseUrl();
    }

    Database fresh(Database.Kind kind) {
        return open(freshUrl(kind));
    }

    Database open(String url) {
        Database database = Database.open(url);
        opened.add(database);
        return database;
    }

    @Override
    public void close() {
        opened.forEach(Database::close);
        opened.clear();
    }
}
