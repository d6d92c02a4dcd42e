package me.minav3.mma.studio;

import java.util.Collection;
import java.util.Map;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.Generation;

/**
 * The customer's current like or dislike of each generation they see (decision 031: the latest like, dislike or
 * clear wins), for the archive's {@code liked}/{@code disliked} flags and the result's buttons.
 */
public final class ReadReactions {

    private final StudioEvents events;

    public ReadReactions(StudioEvents events) {
        this.events = events;
    }

    /** {@code LIKE} or {@code DISLIKE} per generation; the ones with neither are absent. */
    public Map<GenerationId, EventType> of(PassId passId, Collection<Generation> generations) {
        return events.reactions(passId, generations.stream().map(Generation::id).toList());
    }
}
