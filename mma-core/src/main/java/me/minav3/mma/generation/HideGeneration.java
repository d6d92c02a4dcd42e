package me.minav3.mma.generation;

import me.minav3.mma.common.Clock;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.NotFound;

/**
 * Issue 24.4, decision 031: a customer hides one of their generations. From then on it is "not found" for them
 * everywhere (archive, reads, streams, tweaks, downloads); its credit rows, steps, events and audit rows are not
 * touched, and the back office still sees it. Hiding twice is fine; someone else's id is {@link NotFound}.
 */
public final class HideGeneration {

    private final Generations generations;
    private final Clock clock;

    public HideGeneration(Generations generations, Clock clock) {
        this.generations = generations;
        this.clock = clock;
    }

    public void hide(GenerationId id, PassId passId) {
        if (!generations.hide(id, passId, clock.now())) {
            throw new NotFound("no generation " + id.mgId());
        }
    }
}
