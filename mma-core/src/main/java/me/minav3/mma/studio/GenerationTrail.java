package me.minav3.mma.studio;

import java.util.List;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.generation.StepRecord;

/** A generation's whole audit trail: the generation, every step (with its payload) and every event. */
public final class GenerationTrail {

    /** What {@code mina audit} and the admin API show of one generation. */
    public record Trail(Generation generation, List<StepRecord> steps, List<MmaEvent> events) {
        public Trail {
            steps = List.copyOf(steps);
            events = List.copyOf(events);
        }
    }

    private final Generations generations;
    private final StudioEvents events;

    public GenerationTrail(Generations generations, StudioEvents events) {
        this.generations = generations;
        this.events = events;
    }

    /** The trail, or {@link NotFound} ("no generation &lt;id&gt;"). */
    public Trail of(GenerationId id) {
        Generation generation = generations.get(id);
        return new Trail(generation, generations.steps(id), events.about(id));
    }
}
