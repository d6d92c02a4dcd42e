package me.minav3.mma.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import me.minav3.mma.common.Json;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.pricing.CostGrouping;
import me.minav3.mma.pricing.CostTotal;
import me.minav3.mma.pricing.StepCost;

/** The cost sums of {@link InMemoryMega}: what the PostgreSQL adapter computes in SQL, over the stored steps. */
final class InMemoryCosts {

    private InMemoryCosts() {}

    static CostTotal total(String group, List<StepRecord> steps) {
        BigDecimal usd = BigDecimal.ZERO;
        long priced = 0;
        long unpriced = 0;
        for (StepRecord step : steps) {
            Map<String, Object> cost = cost(step);
            if (cost.isEmpty()) {
                continue;
            }
            BigDecimal amount = StepCost.usdOf(cost);
            if (amount == null) {
                unpriced++;
            } else {
                usd = usd.add(amount);
                priced++;
            }
        }
        return new CostTotal(group, usd, priced, unpriced);
    }

    static List<CostTotal> totals(List<StepRecord> steps, Instant since, CostGrouping by) {
        Function<StepRecord, String> group = switch (by) {
            case PROVIDER -> s -> Json.string(cost(s), StepCost.PROVIDER, "");
            case MODEL -> s -> Json.string(cost(s), StepCost.MODEL, "");
            case DAY -> s -> s.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        };
        Map<String, List<StepRecord>> groups = new TreeMap<>();
        steps.stream()
                .filter(s -> !cost(s).isEmpty())
                .filter(s -> since == null || !s.createdAt().isBefore(since))
                .forEach(s -> groups.computeIfAbsent(group.apply(s), g -> new ArrayList<>())
                        .add(s));
        return groups.entrySet().stream()
                .map(e -> total(e.getKey(), e.getValue()))
                .toList();
    }

    private static Map<String, Object> cost(StepRecord step) {
        return Json.object(step.output(), StepCost.KEY);
    }
}
