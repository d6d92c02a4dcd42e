package me.minav3.http;

import java.util.Objects;
import me.minav3.mma.common.PassId;
import me.minav3.mma.limits.EnforceLimits;
import me.minav3.mma.limits.LimitOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The route hooks of the per-customer limits (issue 17.1): each asks {@link EnforceLimits} before the route
 * writes anything and answers a limit reached with 429 problem+json and {@code Retry-After} (and an unpaid price
 * of "Type for me" with 402).
 */
public final class RequestLimits {

    private static final Logger log = LoggerFactory.getLogger(RequestLimits.class);

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
     * Holds an open-stream slot; the returned action gives it back. The stream route runs it once, on the stream's
     * own thread when the stream ends, a thread nothing interrupts (decision 023); if the database cannot take the
     * release, the slot expires by itself ({@code stream_slot_minutes}).
     */
    Runnable openStream(PassId passId) {
        Runnable release = require(limits.openStream(passId)).release();
        if (release == LimitOutcome.Allowed.FREELY.release()) {
            return release;
        }
        return () -> {
            try {
                release.run();
            } catch (RuntimeException e) {
                log.warn("stream_slot_release_failed pass_id={} error={}", passId.value(), e.toString());
            }
        };
    }

    private static LimitOutcome.Allowed require(LimitOutcome outcome) {
        return switch (outcome) {
            case LimitOutcome.Allowed allowed -> allowed;
            case LimitOutcome.Limited limited ->
                throw new HttpProblem(
                        429,
                        "Too many requests",
                        limited.message(),
                        Math.max(1, limited.retryAfter().toSeconds()));
            case LimitOutcome.NeedMatcha broke -> throw new HttpProblem(402, "I need matcha", broke.message());
        };
    }
}
