package me.minav3.mma.studio;

import java.util.List;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.pricing.CostTotal;
import me.minav3.mma.pricing.ProviderCosts;

/**
 * A generation's whole audit trail: the generation, every step (with its payload), every event and what its
 * provider steps cost.
 */
public final class GenerationTrail {

    /** What {@code mina audit} and the admin API show of one generation. */
    public record Trail(Generation generation, List<StepRecord> steps, List<MmaEvent> events, CostTotal cost) {
        public Trail {
            steps = List.copyOf(steps);
            events = List.copyOf(events);
        }
    }

    private final Generations generations;
    private final StudioEvents events;
    private final ProviderCosts costs;

    public GenerationTrail(Generations generations, StudioEvents events, ProviderCosts costs) {
        this.generations = generations;
        this.events = events;
        this.costs = costs;
    }

    /** The trail, or {@link NotFound} ("no generation &lt;id&gt;"). */
    public Trail of(GenerationId id) {
        Generation generation = generations.get(id);
        return new Trail(generation, generations.steps(id), events.about(id), costs.ofGeneration(id));
    }
}
