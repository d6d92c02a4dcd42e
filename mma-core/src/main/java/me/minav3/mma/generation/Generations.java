package me.minav3.mma.generation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.NotFound;

/**
 * The read side of generations: one generation, a page of them, and a generation's steps; and the one thing an owner
 * changes on a generation, hiding it.
 */
public interface Generations {

    /** The generation with this id, whoever owns it. */
    Optional<Generation> find(GenerationId id);

    /**
     * The generation, if it belongs to {@code passId}. Someone else's generation gets the same {@link NotFound} as an
     * id that does not exist, so an answer never tells that an id is in use; so does one its owner hid.
     */
    default Generation findOwned(GenerationId id, PassId passId) {
        Generation generation = get(id);
        if (!generation.passId().equals(passId) || generation.hiddenAt() != null) {
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

    /**
     * Hides the customer's generation from them ({@code mg_meta.hidden_at}; the first time counts). Nothing else of
     * the row changes and no other row is written. False when no such generation of theirs exists.
     */
    boolean hide(GenerationId id, PassId passId, Instant at);

    /** The generation's steps in order. */
    List<StepRecord> steps(GenerationId id);
}
