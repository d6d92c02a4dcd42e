package me.minav3.mma.accounts;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a customer's timeline in the console (issue 20): a session, a generation, an event (with or without a
 * generation), a feedback row or a credit movement.
 *
 * @param id           the row's id ({@code generation:…}, {@code mma_event:…}, {@code credit_transaction:…}, …)
 * @param generationId the generation it is about, if any ({@code generation:…})
 * @param detail       the kind's own facts, e.g. status and mode, event type and text, delta and reason
 */
public record TimelineEntry(
        Kind kind, String id, Instant at, @Nullable String generationId, Map<String, Object> detail) {

    /** What an entry is. */
    public enum Kind {
        SESSION,
        GENERATION,
        EVENT,
        FEEDBACK,
        CREDIT;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A position in the newest-first order: strictly older than this time and id. */
    public record Cursor(Instant at, String id) {
        public Cursor {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(id, "id");
        }
    }

    public TimelineEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        detail = Json.copy(detail);
    }

    public Cursor cursor() {
        return new Cursor(at, id);
    }
}
