package me.minav3.mma.studio;

import java.util.Set;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.Generations;

/** Spec §12.3: a user likes, dislikes, downloads or comments on one of their generations. */
public final class RecordEvent {

    private static final Set<EventType> ALLOWED =
            Set.of(EventType.LIKE, EventType.DISLIKE, EventType.DOWNLOAD, EventType.FEEDBACK);

    private final Generations generations;
    private final StudioEvents events;
    private final Clock clock;
    private final IdGenerator ids;

    public RecordEvent(Generations generations, StudioEvents events, Clock clock, IdGenerator ids) {
        this.generations = generations;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
    }

    public MmaEvent record(PassId passId, GenerationId generationId, EventType type, String text) {
        if (!ALLOWED.contains(type)) {
            throw new InvalidInput("event type must be like, dislike, download or feedback");
        }
        Generation generation = generations.findOwned(generationId, passId);
        String cleaned = text == null || text.isBlank() ? null : text.strip();
        if (type == EventType.FEEDBACK && cleaned == null) {
            throw new InvalidInput("feedback needs a text");
        }
        UserText.check("the text", cleaned);
        if (cleaned != null && cleaned.length() > 2000) {
            throw new InvalidInput("the text is at most 2000 characters");
        }
        MmaEvent event = new MmaEvent(
                ids.newId(),
                passId,
                type,
                generation.id(),
                cleaned,
                Json.obj("mode", generation.mode().wire()),
                clock.now());
        events.record(event);
        return event;
    }
}
