package me.minav3.adapters.postgres;

import org.jspecify.annotations.Nullable;

/**
 * How a process's database connections are shared (decision 038): {@code total} is the one pool operators size
 * ({@code MINA_DB_POOL_SIZE}); {@code reservedForRequests} of them pipeline workers never take, so an HTTP request
 * finds a connection however busy the pipeline is. Requests may use every connection; workers at most
 * {@link #workers()}, and while requests wait, workers holding {@link #workerFloor()} or more wait behind them.
 */
public record ConnectionBudget(int total, int reservedForRequests) {

    public static final int MAX_TOTAL = 200;

    public ConnectionBudget {
        if (total < 1 || total > MAX_TOTAL) {
            throw new IllegalArgumentException("pool size must be between 1 and " + MAX_TOTAL);
        }
        if (reservedForRequests < 0 || reservedForRequests > total - 1) {
            throw new IllegalArgumentException("connections reserved for requests must be between 0 and " + (total - 1)
                    + " (the pool size less one), was " + reservedForRequests);
        }
    }

    /** The pool of {@code total}, with {@code reservedForRequests} or, when null, the default share. */
    public static ConnectionBudget of(int total, @Nullable Integer reservedForRequests) {
        return new ConnectionBudget(total, reservedForRequests != null ? reservedForRequests : defaultReserve(total));
    }

    /** About three in ten connections, at least one when there are two or more (3 of the default 10). */
    public static int defaultReserve(int total) {
        if (total < 2) {
            return 0;
        }
        return Math.max(1, Math.round(total * 0.3f));
    }

    /** Connections pipeline workers may hold at once. */
    public int workers() {
        return total - reservedForRequests;
    }

    /**
     * Connections the pipeline may always hold, even while requests wait (decision 049): requests are served first
     * only once workers hold this many. About one in five, at least one, never more than the workers' share.
     */
    public int workerFloor() {
        return Math.min(workers(), Math.max(1, Math.round(total * 0.2f)));
    }
}
