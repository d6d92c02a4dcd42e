package me.minav3.mma.generation;

import java.time.Instant;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/**
 * Which generations to list, newest first, one page at a time (keyset pagination: {@code after} is the last item
 * of the previous page). Used by the archive (one customer) and the admin list (everyone).
 *
 * @param passId    only this customer's, or null for everyone's
 * @param likedOnly only generations the customer liked (requires a pass id)
 * @param withHidden also the generations their owner hid (the back office sees them; a customer's archive does not)
 * @param provider   only those attributed to this provider ({@link FailureCause#provider}; the back office's filter)
 * @param errorKind  only failed ones whose failure is of this kind ({@link FailureCause#kind}; the back office's)
 */
public record GenerationQuery(
        @Nullable PassId passId,
        @Nullable MmaMode mode,
        @Nullable MmaStatus status,
        boolean likedOnly,
        @Nullable Instant from,
        @Nullable Instant to,
        @Nullable Cursor after,
        int limit,
        boolean withHidden,
        @Nullable String provider,
        @Nullable String errorKind) {

    public static final int MAX_LIMIT = 200;

    /** A position in the newest-first order: strictly older than this creation time and id. */
    public record Cursor(Instant createdAt, GenerationId id) {}

    public GenerationQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
        if (likedOnly && passId == null) {
            throw new IllegalArgumentException("liked needs a customer");
        }
        if ((provider != null && provider.isBlank()) || (errorKind != null && errorKind.isBlank())) {
            throw new IllegalArgumentException("provider and error kind are null or a name");
        }
    }

    /** A query for the customer's archive or the back office, without the cause filters. */
    public GenerationQuery(
            @Nullable PassId passId,
            @Nullable MmaMode mode,
            @Nullable MmaStatus status,
            boolean likedOnly,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable Cursor after,
            int limit,
            boolean withHidden) {
        this(passId, mode, status, likedOnly, from, to, after, limit, withHidden, null, null);
    }

    /** A query that includes hidden generations (the back office's view, as before hiding existed). */
    public GenerationQuery(
            @Nullable PassId passId,
            @Nullable MmaMode mode,
            @Nullable MmaStatus status,
            boolean likedOnly,
            @Nullable Instant from,
            @Nullable Instant to,
            @Nullable Cursor after,
            int limit) {
        this(passId, mode, status, likedOnly, from, to, after, limit, true);
    }

    public static GenerationQuery of(PassId passId, int limit) {
        return new GenerationQuery(passId, null, null, false, null, null, null, limit);
    }

    /** The same query without the generations their owner hid (what the customer's own archive lists). */
    public GenerationQuery withoutHidden() {
        return new GenerationQuery(passId, mode, status, likedOnly, from, to, after, limit, false, provider, errorKind);
    }

    /** The same query narrowed to one provider and/or failure kind (either may be null: no narrowing). */
    public GenerationQuery withCause(@Nullable String provider, @Nullable String errorKind) {
        return new GenerationQuery(
                passId, mode, status, likedOnly, from, to, after, limit, withHidden, provider, errorKind);
    }
}
