package me.minav3.mma.generation;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/** One generation row: the final artifact, its pipeline status, its document ({@code mg_mma_vars}) and its job lease. */
public record Generation(
        GenerationId id,
        PassId passId,
        @Nullable String sessionId,
        @Nullable GenerationId parentId,
        MmaMode mode,
        MmaStatus status,
        @Nullable String prompt,
        @Nullable String outputUrl,
        @Nullable String outputKey,
        @Nullable String provider,
        @Nullable String model,
        @Nullable String error,
        GenerationDocument document,
        Map<String, Object> meta,
        @Nullable Long latencyMs,
        @Nullable String leaseOwner,
        @Nullable Instant leaseUntil,
        int attempts,
        Instant createdAt,
        @Nullable Instant updatedAt) {

    public Generation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(document, "document");
        meta = Json.copy(meta);
    }

    /**
     * A generation as its create leaves it: queued, never claimed, nothing produced yet, created and updated {@code at}
     * (as the store keeps that time), with {@code document} and {@code meta} as stored for {@code request}.
     */
    public static Generation queued(
            NewGeneration request, GenerationDocument document, Map<String, Object> meta, Instant at) {
        return new Generation(
                request.id(),
                request.passId(),
                request.sessionId(),
                request.parentId(),
                request.mode(),
                MmaStatus.QUEUED,
                null,
                null,
                null,
                null,
                null,
                null,
                document,
                meta,
                null,
                null,
                null,
                0,
                at,
                at);
    }

    public Optional<GenerationId> parent() {
        return Optional.ofNullable(parentId);
    }

    /** The matcha charged when it was created ({@code mg_meta.cost}, written by {@code Submissions}); 0 for a free one. */
    public long charged() {
        return Json.number(meta, "cost", 0);
    }

    /**
     * When its owner hid it ({@code mg_meta.hidden_at}, decision 031), or null. A hidden generation is gone for its
     * owner (archive, reads, streams, tweaks); its ledger rows, steps, events and audit rows stay, and admins see it.
     */
    public @Nullable Instant hiddenAt() {
        Object at = meta.get(HIDDEN_AT);
        return at == null ? null : Instant.parse(at.toString());
    }

    /** The {@code mg_meta} key {@link #hiddenAt()} reads. */
    public static final String HIDDEN_AT = "hidden_at";

    /** The kind of generation (its pipeline). */
    public @Nullable GenerationKind kind() {
        return document.kind();
    }

    /** A section of {@code mg_mma_vars} as it is stored (assets, scans, prompts, settings, userMessages, ...). */
    public Map<String, Object> section(String name) {
        return Json.object(GenerationDocumentCodec.encode(document), name);
    }
}
