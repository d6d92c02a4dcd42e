package me.minav3.mma.generation;

import java.util.List;
import java.util.Optional;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.NotFound;

/** The read side of generations: one generation, a page of them, and a generation's steps. */
public interface Generations {

    /** The generation with this id, whoever owns it. */
    Optional<Generation> find(GenerationId id);

    /**
     * The generation, if it belongs to {@code passId}. Someone else's generation gets the same {@link NotFound} as an
     * id that does not exist, so an answer never tells that an id is in use.
     */
    default Generation findOwned(GenerationId id, PassId passId) {
        Generation generation = get(id);
        if (!generation.passId().equals(passId)) {
            throw notFound(id);
        }
        return generation;
    }

    /** The generation, or {@link NotFound} ("no generation &lt;id&gt;"). */
    default Generation get(GenerationId id) {
        return find(id).orElseThrow(() -> notFound(id));
    }

    private static NotFound notFound(GenerationId id) {
        return new NotFound("no generation " + id.mgId());
    }

    /**
     * Generations matching the query, newest first ({@code mg_created_at}, then id), at most {@code limit}; pass the
     * last item as {@link GenerationQuery.Cursor} to get the next page. Flat cost at any depth (keyset).
     */
    List<Generation> search(GenerationQuery query);

    /** The generation's steps in order. */
    List<StepRecord> steps(GenerationId id);
}
