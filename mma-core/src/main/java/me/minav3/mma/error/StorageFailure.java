package me.minav3.mma.error;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The database or the asset store could not be reached or refused a write for a reason that is not the caller's.
 * With a {@link #retryAfter()} it is a refusal without trying: the store is busy (its request queue is full,
 * decision 047) and the caller may try again after that long; nothing was written.
 */
public final class StorageFailure extends MinaException {

    private final transient @Nullable Duration retryAfter;

    public StorageFailure(String message) {
        super(message);
        this.retryAfter = null;
    }

    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
        this.retryAfter = null;
    }

    /** The store is too busy to try now; nothing was written; try again after {@code retryAfter}. */
    public StorageFailure(String message, Throwable cause, Duration retryAfter) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    /** When the store refused without trying (busy), how long to wait before trying again; otherwise null. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
