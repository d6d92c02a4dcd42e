package me.minav3.mma.studio;

import java.util.List;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;

/** What users did in the studio ({@code mma_event} rows), and the taste signals MMA learns from. */
public interface StudioEvents {

    /** Writes an {@code mma_event} row; an id written before is ignored. */
    void record(MmaEvent event);

    /** The events about one generation, oldest first. */
    List<MmaEvent> about(GenerationId id);

    /** The customer's latest like/dislike/download events with the generation each is about, newest first. */
    List<TasteSignal> tasteSignals(PassId passId, int limit);
}
