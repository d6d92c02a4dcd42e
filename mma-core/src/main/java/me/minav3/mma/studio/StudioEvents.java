package me.minav3.mma.studio;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Preferences;

/** What users did in the studio ({@code mma_event} rows), and the taste signals MMA learns from. */
public interface StudioEvents {

    /** Writes an {@code mma_event} row; an id written before is ignored. */
    void record(MmaEvent event);

    /** The events about one generation, oldest first. */
    List<MmaEvent> about(GenerationId id);

    /**
     * What the customer's taste events say now, newest first, with the generation each is about: per generation its
     * reaction (the latest like, dislike or clear; a clear yields nothing) and its latest download, at most {@code
     * limit} signals (decision 031: events are never changed, the later one wins).
     */
    List<TasteSignal> tasteSignals(PassId passId, int limit);

    /** What a prompt learns the customer's taste from: their own preferences and their {@link #tasteSignals}. */
    record TasteInputs(Preferences preferences, List<TasteSignal> signals) {
        public TasteInputs {
            signals = List.copyOf(signals);
        }
    }

    /**
     * The customer's preferences ({@link Preferences#NONE} when they have none, or no customer row) and {@link
     * #tasteSignals(PassId, int) tasteSignals(passId, limit)}, read together: one round trip per still instead of
     * two (issue 21, P2).
     */
    TasteInputs tasteInputs(PassId passId, int limit);

    /**
     * The customer's current reaction to each of these generations: {@code LIKE} or {@code DISLIKE} when the latest
     * like, dislike or clear is one of them; generations with none (or cleared) are absent.
     */
    Map<GenerationId, EventType> reactions(PassId passId, Collection<GenerationId> ids);
}
