package me.minav3.mma.generation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/**
 * A generation to create as a queued job, charged {@code cost} in the same transaction
 * ({@code credit_transaction:gen:<id>}), together with the event that caused it (may be null).
 *
 * <p>A tool run (decision 042) costs a fraction of a matcha instead: {@code poolShare} units of
 * {@link #POOL_UNITS_PER_MATCHA} drawn from the customer's edit-tool pool in the same transaction, one matcha moved
 * into the pool first ({@code credit_transaction:pool:<id>}) when it holds less than the share. Its {@code cost} is
 * zero; the share is stored in the row's meta under {@link #POOL_SHARE_META} and given back to the pool, once, when
 * the run fails.
 */
public record NewGeneration(
        GenerationId id,
        PassId passId,
        @Nullable String sessionId,
        @Nullable GenerationId parentId,
        MmaMode mode,
        GenerationDocument document,
        Map<String, Object> meta,
        Matcha cost,
        Instant at,
        @Nullable MmaEvent event,
        long poolShare) {

    /**
     * Pool units in one matcha: 2520 is divisible by every whole number from 1 to 10 (and 12, 14, 15…), so ½, ⅓,
     * ¼, ⅕, ⅙, 1/7, ⅛, 1/9 and 1/10 of a matcha are all whole numbers of units and no share is ever rounded.
     */
    public static final long POOL_UNITS_PER_MATCHA = 2520;

    /** The {@code mg_meta} key of a tool run's pool share (written and read by the queue adapters). */
    public static final String POOL_SHARE_META = "tool_pool_share";

    /** A generation charged whole matcha (or nothing): no pool share. */
    public NewGeneration(
            GenerationId id,
            PassId passId,
            @Nullable String sessionId,
            @Nullable GenerationId parentId,
            MmaMode mode,
            GenerationDocument document,
            Map<String, Object> meta,
            Matcha cost,
            Instant at,
            @Nullable MmaEvent event) {
        this(id, passId, sessionId, parentId, mode, document, meta, cost, at, event, 0);
    }

    public NewGeneration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(document, "document");
        meta = Json.copy(meta);
        if (poolShare < 0 || poolShare > POOL_UNITS_PER_MATCHA) {
            throw new IllegalArgumentException(
                    "a pool share is 0 to " + POOL_UNITS_PER_MATCHA + " units, was " + poolShare);
        }
        if (poolShare > 0 && !cost.isZero()) {
            throw new IllegalArgumentException("a tool run draws from the pool and costs no whole matcha");
        }
    }
}
