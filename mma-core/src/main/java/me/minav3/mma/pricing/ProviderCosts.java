package me.minav3.mma.pricing;

import java.time.Instant;
import java.util.List;
import me.minav3.mma.common.GenerationId;
import org.jspecify.annotations.Nullable;

/** The costs provider steps recorded in their payload ({@link StepCost}), summed. Steps without a cost are left out. */
public interface ProviderCosts {

    /** The total of one generation's provider steps; a generation without any is a zero total of zero steps. */
    CostTotal ofGeneration(GenerationId id);

    /**
     * The totals of every provider step recorded at or after {@code since} (null: all), one per group, ordered by
     * group. A day is the UTC date of the step ({@code 2026-12-05}); a missing provider or model groups as "".
     */
    List<CostTotal> totals(@Nullable Instant since, CostGrouping by);
}
