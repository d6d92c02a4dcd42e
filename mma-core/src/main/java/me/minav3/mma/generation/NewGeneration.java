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
        @Nullable MmaEvent event) {

    public NewGeneration {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(document, "document");
        meta = Json.copy(meta);
    }
}
