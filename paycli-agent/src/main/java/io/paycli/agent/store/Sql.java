package io.paycli.agent.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Connections and transactions for the store's classes, with failures turned into one-line StoreExceptions. */
final class Sql {
    /** SQLSTATE of a unique violation on PostgreSQL; SQLite reports it as an extended result code. */
    private static final String UNIQUE_VIOLATION = "23505";

    /** Work on one connection. */
    interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in autocommit mode (each statement its own transaction). */
    <T> T read(String what, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /** Runs {@code work} in one transaction, committed if it returns and rolled back if it throws. */
    <T> T inTransaction(String what, Work<T> work) {
        try {
            return inTransactionOrThrow(work);
        } catch (SQLException e) {
            throw failed(what, e);
        }
    }

    /**
     * As {@link #inTransaction}, but a failed statement is the caller's to handle (to retry a lost race). On SQLite
     * the pool's connections begin with BEGIN IMMEDIATE: the transaction holds the database's write lock from the
     * start.
     */
    <T> T inTransactionOrThrow(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(c, e);
                throw e;
            }
        }
    }

    /** Runs one INSERT, UPDATE or DELETE with {@code params} and returns how many rows it changed. */
    static int update(Connection c, String statement, Object... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(statement)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            return s.executeUpdate();
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    static StoreException failed(String what, SQLException e) {
        return new StoreException(what + ": " + Database.oneLine(e.getMessage()), e);
    }

    private static void rollbackQuietly(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
