package me.minav3.mma.generation;

import java.util.Optional;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.NotFound;

/** Reads one generation: anyone's (back office, CLI) or a caller's own (studio; someone else's is "not found"). */
public final class FindGeneration {

    private final Generations generations;

    public FindGeneration(Generations generations) {
        this.generations = generations;
    }

    /** The generation, if it exists. */
    public Optional<Generation> find(GenerationId id) {
        return generations.find(id);
    }

    /** The generation, or {@link NotFound} ("no generation &lt;id&gt;"). */
    public Generation get(GenerationId id) {
        return generations.get(id);
    }

    /** The caller's generation; anyone else's is {@link NotFound} (no existence leak). */
    public Generation owned(GenerationId id, PassId passId) {
        return generations.findOwned(id, passId);
    }
}
