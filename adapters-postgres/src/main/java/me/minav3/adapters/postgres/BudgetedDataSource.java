package me.minav3.adapters.postgres;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;
import me.minav3.mma.common.Foreground;
import org.jspecify.annotations.Nullable;

/**
 * One lane's way into the shared pool (decisions 038, 047, 049): a caller first takes a permit of its lane from the
 * {@link ConnectionGate} — which hands out no more permits than the pool has connections, in the order requests,
 * workers and the NOTIFY forwarders are to be served — for up to {@code wait}, then fails like the pool's own timeout,
 * so callers see one kind of fault. The connection it gets gives the permit back on its first {@code close()}.
 *
 * <p>The workers' lane yields to the requests being served (decision 060): before it asks the gate, a worker waits for
 * its turn on the {@link Foreground}, so while a request is served the pipeline starts no new statement (for at most
 * the hold-off) and the request has the CPU and PostgreSQL to itself.
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
    private final ConnectionGate gate;
    private final ConnectionGate.Lane lane;
    private final String role;
    private final long waitNanos;
    private final Duration wait;
    private final int maxWaiting;
    private final Foreground yieldTo;
    private final LeasedConnection.Return giveBack;
    /** How long a connection stays out, smoothed (nanoseconds): what a place in the queue costs. */
    private final AtomicLong meanHoldNanos = new AtomicLong(TimeUnit.MILLISECONDS.toNanos(50));

    /**
     * @param maxWaiting callers that may wait at once; one more is refused with {@link QueueFull}
     * @param yieldTo    whose turn comes before each connection this lane takes ({@link Foreground#off()}: nobody's)
     */
    BudgetedDataSource(
            DataSource pool,
            ConnectionGate gate,
            ConnectionGate.Lane lane,
            String role,
            Duration wait,
            int maxWaiting,
            Foreground yieldTo) {
        if (maxWaiting < 0) {
            throw new IllegalArgumentException("the queue's bound must not be negative: " + maxWaiting);
        }
        this.pool = pool;
        this.gate = gate;
        this.lane = lane;
        this.role = role;
        this.wait = wait;
        this.waitNanos = wait.toNanos();
        this.maxWaiting = maxWaiting;
        this.yieldTo = yieldTo;
        this.giveBack = heldNanos -> {
            held(heldNanos);
            gate.release(lane);
        };
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
        yieldTo.awaitTurn();
        acquire();
        try {
            return new LeasedConnection(pool.getConnection(), giveBack);
        } catch (SQLException | RuntimeException e) {
            gate.release(lane);
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool's own credentials are used");
    }

    /** Connections out through this source right now. */
    int active() {
        return gate.held(lane);
    }

    /** Threads waiting for this role's share. */
    int pending() {
        return gate.waiting(lane);
    }

    /** Connections this lane may hold at once (the gate's limit for it). */
    int permits() {
        return gate.limit(lane);
    }

    int maxWaiting() {
        return maxWaiting;
    }

    private void acquire() throws SQLException {
        ConnectionGate.Admission admission;
        try {
            admission = gate.acquire(lane, waitNanos, maxWaiting);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted waiting for a database connection", "08001", e);
        }
        switch (admission) {
            case GRANTED -> {}
            case QUEUE_FULL -> {
                int ahead = gate.waiting(lane);
                throw new QueueFull(
                        "all " + permits() + " database connections of the " + role + " are in use and " + ahead
                                + " callers are already waiting for one",
                        retryAfter(ahead));
            }
            case TIMED_OUT ->
                throw new SQLTransientConnectionException(
                        "all " + permits() + " database connections of the " + role + " were in use for "
                                + wait.toSeconds() + " s",
                        "08001");
        }
    }

    /** How long the callers ahead should take to be served: each holds a connection about the mean hold time. */
    Duration retryAfter(int ahead) {
        long nanos = (long) ahead * meanHoldNanos.get() / Math.max(1, permits());
        long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
        return Duration.ofSeconds(Math.min(seconds, MAX_RETRY_AFTER_SECONDS));
    }

    private void held(long nanos) {
        long mean = meanHoldNanos.get();
        meanHoldNanos.set(mean + (nanos - mean) / 16); // a lost update now and then does not matter
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
