package me.minav3.http;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import me.minav3.mma.common.PassId;
import me.minav3.mma.limits.EnforceLimits;
import me.minav3.mma.limits.LimitOutcome;

/**
 * The route hooks of the per-customer limits (issue 17.1): each asks {@link EnforceLimits} before the route
 * writes anything and answers a limit reached with 429 problem+json and {@code Retry-After} (and an unpaid price
 * of "Type for me" with 402).
 */
public final class RequestLimits {

    private final EnforceLimits limits;

    public RequestLimits(EnforceLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    void create(PassId passId) {
        require(limits.create(passId));
    }

    void suggest(PassId passId) {
        require(limits.suggest(passId));
    }

    void upload(PassId passId, long bytes) {
        require(limits.upload(passId, bytes));
    }

    void importUrl(PassId passId) {
        require(limits.importUrl(passId));
    }

    /**
     * Holds an open-stream slot; the returned action gives it back, once, on a thread of its own: a stream's close
     * may run on a thread that was just interrupted, and a database call must never run interrupted.
     */
    Runnable openStream(PassId passId) {
        Runnable release = require(limits.openStream(passId)).release();
        if (release == LimitOutcome.Allowed.FREELY.release()) {
            return release;
        }
        AtomicBoolean released = new AtomicBoolean();
        return () -> {
            if (released.compareAndSet(false, true)) {
                Thread.ofVirtual().name("stream-slot-release").start(release);
            }
        };
    }

    private static LimitOutcome.Allowed require(LimitOutcome outcome) {
        return switch (outcome) {
            case LimitOutcome.Allowed allowed -> allowed;
            case LimitOutcome.Limited limited -> throw new HttpProblem(429, "Too many requests", limited.message(),
                    Math.max(1, limited.retryAfter().toSeconds()));
            case LimitOutcome.NeedMatcha broke -> throw new HttpProblem(402, "I need matcha", broke.message());
        };
    }
}
