package me.minav3.adapters.postgres;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One role's share of the shared pool (decision 038): at most {@code permits} connections from {@code pool} are out
 * through this source at once; a caller beyond that waits for one of them to be closed, for up to {@code wait} —
 * the same answer as the pool's own timeout, so callers see one kind of fault.
 */
final class BudgetedDataSource implements DataSource {

    private final DataSource pool;
    private final String role;
    private final int permits;
    private final Semaphore budget;
    private final Duration wait;
    private final AtomicInteger waiting = new AtomicInteger();

    BudgetedDataSource(DataSource pool, String role, int permits, Duration wait) {
        this.pool = pool;
        this.role = role;
        this.permits = permits;
        this.budget = new Semaphore(permits, true);
        this.wait = wait;
    }

    @Override
    public Connection getConnection() throws SQLException {
        acquire();
        try {
            return released(pool.getConnection());
        } catch (SQLException | RuntimeException e) {
            budget.release();
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's own credentials are used");
    }

    /** Connections out through this source right now. */
    int active() {
        return permits - budget.availablePermits();
    }

    /** Threads waiting for this role's share. */
    int pending() {
        return waiting.get();
    }

    int permits() {
        return permits;
    }

    private void acquire() throws SQLException {
        waiting.incrementAndGet();
        try {
            if (!budget.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLTransientConnectionException(
                        "all " + permits + " database connections of the " + role + " were in use for "
                                + wait.toSeconds() + " s",
                        "08001");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted waiting for a database connection", "08001", e);
        } finally {
            waiting.decrementAndGet();
        }
    }

    /** The connection, whose first {@code close()} gives its permit back. */
    private Connection released(Connection connection) {
        AtomicBoolean closed = new AtomicBoolean();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    connection.close();
                } finally {
                    if (!closed.getAndSet(true)) {
                        budget.release();
                    }
                }
                return null;
            }
            return invoke(connection, method, args);
        };
        return (Connection)
                Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
    }

    private static @Nullable Object invoke(Connection connection, Method method, @Nullable Object[] args)
            throws Throwable {
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() != null ? e.getCause() : e;
        }
    }

    @Override
    public @Nullable PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(@Nullable PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return pool.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return pool.isWrapperFor(iface);
    }
}
