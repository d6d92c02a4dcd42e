package me.minav3.mma.pricing;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import me.minav3.mma.common.GenerationId;
import org.jspecify.annotations.Nullable;

/** What generations cost at the providers: one generation's total, and totals since a day, grouped. */
public final class CostReport {

    private final ProviderCosts costs;

    public CostReport(ProviderCosts costs) {
        this.costs = costs;
    }

    public CostTotal of(GenerationId id) {
        return costs.ofGeneration(id);
    }

    /** Totals of the steps recorded from the start of {@code since} (UTC; null: all). */
    public List<CostTotal> totals(@Nullable LocalDate since, CostGrouping by) {
        return costs.totals(
                since == null ? null : since.atStartOfDay(ZoneOffset.UTC).toInstant(), by);
    }
}
