package me.minav3.mma.query;

import java.util.List;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.MmaEvent;
import me.minav3.mma.domain.StepRecord;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.port.Ledger;

/** A generation's whole audit trail: the generation, every step (with its payload) and every event. */
public final class GenerationTrail {

    /** What {@code mina audit} and the admin API show of one generation. */
    public record Trail(Generation generation, List<StepRecord> steps, List<MmaEvent> events) {
        public Trail {
            steps = List.copyOf(steps);
            events = List.copyOf(events);
        }
    }

    private final Ledger ledger;

    public GenerationTrail(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The trail, or {@link NotFound} ("no generation &lt;id&gt;"). */
    public Trail of(GenerationId id) {
        Generation generation = ledger.findGeneration(id).orElseThrow(() -> new NotFound("no generation " + id.mgId()));
        return new Trail(generation, ledger.steps(id), ledger.events(id));
    }
}
