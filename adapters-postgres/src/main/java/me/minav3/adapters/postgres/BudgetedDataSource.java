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
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One role's share of the shared pool (decision 038): at most {@code permits} connections from {@code pool} are out
 * through this source at once; a caller beyond that waits in a fair (first come, first served) queue for one of them
 * to be closed, for up to {@code wait} — then it fails like the pool's own timeout, so callers see one kind of fault.
 *
 * <p>The queue may be bounded (decision 047, the request side): a caller who finds {@code maxWaiting} callers already
 * waiting is refused at once with {@link QueueFull}, which says how long the queue ahead of it should take to drain
 * (its {@code Retry-After}), instead of joining a wait it would likely lose.
 */
final class BudgetedDataSource implements DataSource {

    /** Unbounded: every caller waits (up to {@code wait}). */
    static final int UNBOUNDED = Integer.MAX_VALUE;

    private static final long MAX_RETRY_AFTER_SECONDS = 30;

    private final DataSource pool;
    private final String role;
    private final int permits;
    private final Semaphore budget;
    private final Duration wait;
    private final int maxWaiting;
    private final AtomicInteger waiting = new AtomicInteger();
    /** How long a connection stays out, smoothed (nanoseconds): what a place in the queue costs. */
    private final AtomicLong meanHoldNanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(50));

    BudgetedDataSource(DataSource pool, String role, int permits, Duration wait) {
        this(pool, role, permits, wait, UNBOUNDED);
    }

    /** @param maxWaiting callers that may wait at once; one more is refused with {@link QueueFull} */
    BudgetedDataSource(DataSource pool, String role, int permits, Duration wait, int maxWaiting) {
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("the queue's bound must not be negative: " + maxWaiting);
        }
        this.pool = pool;
        this.role = role;
        this.permits = permits;
        this.budget = new Semaphore(permits, true);
        this.wait = wait;
        this.maxWaiting = maxWaiting;
    }

    /** Refused without waiting: the queue for this role's connections is full (decision 047). */
    static final class QueueFull extends SQLTransientConnectionException {
        private static final long serialVersionUID = 1L;
        private final transient Duration retryAfter;

        QueueFull(String message, Duration retryAfter) {
            super(message, "08004");
            this.retryAfter = retryAfter;
        }

        Duration retryAfter() {
            return retryAfter;
        }
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

    int maxWaiting() {
        return maxWaiting;
    }

    private void acquire() throws SQLException {
        try {
            if (budget.tryAcquire(0, TimeUnit.NANOSECONDS)) {
                return; // a free permit and nobody queued ahead (the timed form keeps the queue fair)
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted waiting for a database connection", "08001", e);
        }
        int ahead = waiting.getAndIncrement();
        if (ahead >= maxWaiting) {
            waiting.decrementAndGet();
            throw new QueueFull(
                    "all " + permits + " database connections of the " + role + " are in use and " + ahead
                            + " callers are already waiting for one",
                    retryAfter(ahead));
        }
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

    /** How long the callers ahead should take to be served: each holds a connection about the mean hold time. */
    Duration retryAfter(int ahead) {
        long nanos = (long) ahead * meanHoldNanos.get() / Math.max(1, permits);
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER_SECONDS));
    }

    private void held(long nanos) {
        long mean = meanHoldNanos.get();
        meanHoldNanos.set(mean + (nanos - mean) / 16); // a lost update now and then does not matter
    }

    /** The connection, whose first {@code close()} gives its permit back. */
    private Connection released(Connection connection) {
        AtomicBoolean closed = new AtomicBoolean();
        long since = System.nanoTime();
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    connection.close();
                } finally {
                    if (!closed.getAndSet(true)) {
                        held(System.nanoTime() - since);
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
