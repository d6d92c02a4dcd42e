package me.minav3.mma.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** One generation row: the final artifact, its pipeline status, its canonical variable map and its job lease. */
public record Generation(
        GenerationId id,
        PassId passId,
        String sessionId,
        GenerationId parentId,
        MmaMode mode,
        MmaStatus status,
        String prompt,
        String outputUrl,
        String outputKey,
        String provider,
        String model,
        String error,
        Map<String, Object> vars,
        Map<String, Object> meta,
        Long latencyMs,
        String leaseOwner,
        Instant leaseUntil,
        int attempts,
        Instant createdAt,
        Instant updatedAt) {

    public Generation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        vars = Json.copy(vars);
        meta = Json.copy(meta);
    }

    public Optional<GenerationId> parent() {
        return Optional.ofNullable(parentId);
    }

    /** A section of {@code mg_mma_vars} (assets, scans, prompts, settings, userMessages, outputs, inputs, history). */
    public Map<String, Object> section(String name) {
        return Json.object(vars, name);
    }
}
