package me.minav3.adapters.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.StorageFailure;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.JdbiException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns database faults into the core's vocabulary: an unreachable or restarting server, or a transaction that lost
 * a race it may win when run again, is a {@link StorageFailure} (callers may retry); a value refused by a CHECK rule
 * is {@link InvalidInput} whose message says nothing of the database (its text goes to the log).
 */
final class Database {

    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private Database() {}

    /** Work on Jdbi, which may also use its handle's connection directly. */
    interface Work<T> {
        T get() throws SQLException;
    }

    static <T> T call(Work<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw e instanceof ConnectionException ? unavailable(e) : failure(e, e);
        } catch (SQLException e) {
            throw statementFailed(e);
        }
    }

    /** Work on plain JDBC (decision 053). */
    interface JdbcWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection of {@code connections} and gives it back, with the faults of {@link #call}:
     * a connection that cannot be had fails as Jdbi's would, a failed statement by its SQLSTATE.
     */
    static <T> T withConnection(DataSource connections, JdbcWork<T> work) {
        Connection connection;
        try {
            connection = connections.getConnection();
        } catch (SQLException e) {
            throw unavailable(e);
        }
        try (connection) {
            return work.run(connection);
        } catch (SQLException e) {
            throw statementFailed(e);
        }
    }

    private static RuntimeException statementFailed(SQLException e) {
        return failure(e, new IllegalStateException("a database statement failed: " + rootMessage(e), e));
    }

    /** No connection was had: a full queue says when to come back, anything else that the server is unreachable. */
    private static RuntimeException unavailable(Exception e) {
        BudgetedDataSource.QueueFull busy = queueFull(e);
        if (busy != null) {
            return busy(busy, e);
        }
        return new StorageFailure("the database cannot be reached: " + rootMessage(e), e);
    }

    /** @param otherwise what is thrown when the fault is none the core has a word for */
    private static RuntimeException failure(Exception e, RuntimeException otherwise) {
        BudgetedDataSource.QueueFull busy = queueFull(e);
        if (busy != null) {
            return busy(busy, e);
        }
        return translate(e, otherwise);
    }

    private static StorageFailure busy(BudgetedDataSource.QueueFull busy, Exception e) {
        return new StorageFailure("the database is busy: " + busy.getMessage(), e, busy.retryAfter()); // nothing tried
    }

    private static BudgetedDataSource.@Nullable QueueFull queueFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BudgetedDataSource.QueueFull full) {
                return full;
            }
        }
        return null;
    }

    static void run(Runnable work) {
        call(() -> {
            work.run();
            return Boolean.TRUE;
        });
    }

    private static RuntimeException translate(Exception e, RuntimeException otherwise) {
        String state = sqlState(e);
        if (state == null) {
            return otherwise;
        }
        if (state.startsWith("08")
                || state.startsWith("57P")
                || state.startsWith("53")
                || state.equals("40001")
                || state.equals("40P01")
                || isMultixactRace(state, e)) {
            return new StorageFailure(
                    "the database could not complete the operation (SQLSTATE " + state + "): " + rootMessage(e), e);
        }
        if (state.equals("23514") || state.equals("23502") || state.startsWith("22")) {
            // The database's words stay in the log: they name tables and columns and may quote the row (decision 019).
            log.warn("database_refused_value sqlstate={} error=\"{}\"", state, rootMessage(e));
            return new InvalidInput("a value in the request cannot be stored; nothing was written", e);
        }
        return otherwise;
    }

    /**
     * PostgreSQL's "new multixact has more than one updating member" (XX000): a concurrent update met an updater that
     * was rolling back. The statement's transaction is rolled back whole, so running it again is safe (decision 007).
     */
    private static boolean isMultixactRace(String state, Exception e) {
        return state.equals("XX000") && rootMessage(e).contains("more than one updating member");
    }

    static @Nullable String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null
                ? root.getClass().getSimpleName()
                : message.lines().findFirst().orElse(message);
    }
}
