package me.minav3.mma.common;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** One {@code mma_event:<id>} row: a user interaction, optionally about a generation. */
public record MmaEvent(
        String id,
        PassId passId,
        EventType type,
        @Nullable GenerationId generationId,
        @Nullable String text,
        Map<String, Object> meta,
        Instant at) {

    public MmaEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        if (!id.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,120}")) {
            throw new IllegalArgumentException("not an event id: " + id);
        }
        if (text != null && text.length() > 4000) {
            throw new IllegalArgumentException("event text is at most 4000 characters");
        }
        meta = Json.copy(meta);
    }

    public String mgId() {
        return "mma_event:" + id;
    }
}
