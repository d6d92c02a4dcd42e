package me.minav3.mma.query;

import java.util.Optional;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.port.Ledger;

/** Reads one generation: anyone's (back office, CLI) or a caller's own (studio; someone else's is "not found"). */
public final class FindGeneration {

    private final Ledger ledger;

    public FindGeneration(Ledger ledger) {
        this.ledger = ledger;
    }

    /** The generation, if it exists. */
    public Optional<Generation> find(GenerationId id) {
        return ledger.findGeneration(id);
    }

    /** The generation, or {@link NotFound} ("no generation &lt;id&gt;"). */
    public Generation get(GenerationId id) {
        return find(id).orElseThrow(() -> new NotFound("no generation " + id.mgId()));
    }

    /** The caller's generation; anyone else's is {@link NotFound} (no existence leak). */
    public Generation owned(GenerationId id, PassId passId) {
        return ledger.findOwnedGeneration(id, passId);
    }
}
