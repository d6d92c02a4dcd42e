package me.minav3.mma.submit;

import java.util.Objects;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.GenerationDocument;
import org.jspecify.annotations.Nullable;

/**
 * A generation to create and charge: whose, under which request id and in which session, made from which parent
 * (or none), its document, its cost, and the event it records.
 *
 * @param event     what the submission records: its type, the generation it is about (null: the new generation
 *                  itself) and the user's text (or null)
 * @param poolShare a tool run's share of the edit-tool pool in units of 1/2520 matcha (decision 042); its cost is
 *                  then zero. 0 for every other generation.
 */
record Submission(
        PassId passId,
        @Nullable RequestId requestId,
        @Nullable StudioSession session,
        @Nullable GenerationId parentId,
        GenerationDocument document,
        Matcha cost,
        Event event,
        long poolShare) {

    /** A generation charged whole matcha (or nothing). */
    Submission(
            PassId passId,
            @Nullable RequestId requestId,
            @Nullable StudioSession session,
            @Nullable GenerationId parentId,
            GenerationDocument document,
            Matcha cost,
            Event event) {
        this(passId, requestId, session, parentId, document, cost, event, 0);
    }

    Submission {
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(event, "event");
    }

    /** The {@code mma_event} a submission records. */
    record Event(
            EventType type,
            @Nullable GenerationId about,
            @Nullable String text) {
        Event {
            Objects.requireNonNull(type, "event type");
        }
    }
}
