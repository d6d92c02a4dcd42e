package me.minav3.mma.engine;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;

/**
 * One line of a generation's live stream: a friendly userMessage, a status change, or the end.
 *
 * @param seq increasing per generation; clients resume from it ({@code Last-Event-ID})
 */
public record LiveEvent(
        GenerationId generationId, long seq, Type type, String text, Map<String, Object> data, Instant at) {

    public enum Type {
        MESSAGE,
        STATUS,
        DONE
    }

    public LiveEvent {
        Objects.requireNonNull(generationId, "generation id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
        text = text == null ? "" : text;
        data = Json.copy(data);
    }
}
