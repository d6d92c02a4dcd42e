package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.List;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.pricing.CostGrouping;
import me.minav3.mma.pricing.CostTotal;
import me.minav3.mma.pricing.ProviderCosts;
import me.minav3.mma.pricing.StepCost;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jspecify.annotations.Nullable;

/**
 * Sums the {@code cost} objects provider steps recorded in {@code mma_step} payloads. Amounts are stored as decimal
 * text and summed as {@code numeric}: exact. Plain PostgreSQL 15 SQL.
 */
final class JdbiProviderCosts implements ProviderCosts {

    /** The step's cost object, its amount, and the sums over a group of steps. The keys come from {@link StepCost}. */
    private static final String COST = "mg_payload->'output'->'" + StepCost.KEY + "'";

    private static final String USD = COST + "->>'" + StepCost.USD + "'";
    private static final String SUMS = """
            COALESCE(sum((%1$s)::numeric), 0) AS usd,
            count(*) FILTER (WHERE %1$s IS NOT NULL) AS priced,
            count(*) FILTER (WHERE %1$s IS NULL) AS unpriced""".formatted(USD);

    private final Jdbi jdbi;
    private final RowMapper<CostTotal> rows = (rs, ctx) ->
            new CostTotal(rs.getString("grp"), rs.getBigDecimal("usd"), rs.getLong("priced"), rs.getLong("unpriced"));

    JdbiProviderCosts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public CostTotal ofGeneration(GenerationId id) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT :id AS grp, %s
                          FROM public.mega_generations
                         WHERE mg_parent_id = :id AND mg_record_type = 'mma_step'
                           AND %s IS NOT NULL""".formatted(SUMS, COST))
                .bind("id", id.mgId())
                .map(rows)
                .one()));
    }

    @Override
    public List<CostTotal> totals(@Nullable Instant since, CostGrouping by) {
        String group = switch (by) {
            case PROVIDER -> "COALESCE(" + COST + "->>'" + StepCost.PROVIDER + "', '')";
            case MODEL -> "COALESCE(" + COST + "->>'" + StepCost.MODEL + "', '')";
            case DAY -> "to_char(mg_created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')";
        };
        String from = since == null ? "" : "AND mg_created_at >= :since";
        return Database.call(() -> jdbi.withHandle(h -> {
            var query = h.createQuery("""
                    SELECT %s AS grp, %s
                      FROM public.mega_generations
                     WHERE mg_record_type = 'mma_step' AND %s IS NOT NULL %s
                     GROUP BY 1
                     ORDER BY 1""".formatted(group, SUMS, COST, from));
            if (since != null) {
                query.bind("since", Timestamps.bind(since));
            }
            return query.map(rows).list();
        }));
    }
}
