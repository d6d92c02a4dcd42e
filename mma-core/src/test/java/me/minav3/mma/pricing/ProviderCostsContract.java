package me.minav3.mma.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.NewGeneration;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.generation.StepUpdate;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/** {@link ProviderCosts}: sums of the costs provider steps recorded. Runs against the fake and PostgreSQL. */
public abstract class ProviderCostsContract extends MegaContract {

    private ProviderCosts costs() {
        return stores.costs();
    }

    /** A generation whose steps are recorded at the given times with the given {@code cost} objects (null: none). */
    private GenerationId generationWithSteps(List<Instant> times, List<Map<String, Object>> costs) {
        PassId passId = customerWith(5);
        GenerationId id = newId();
        Instant created = times.get(0).minusSeconds(60);
        stores.queue()
                .create(new NewGeneration(
                        id,
                        passId,
                        null,
                        null,
                        MmaMode.STILL,
                        doc(Json.obj("inputs", Json.obj("brief", "a cup"))),
                        Json.obj(),
                        Matcha.of(1),
                        created,
                        new MmaEvent(
                                UUID.randomUUID().toString(),
                                passId,
                                EventType.CREATE,
                                id,
                                "a cup",
                                Json.obj(),
                                created)));
        Generation job =
                stores.queue().claim(id, "costs", created, Duration.ofHours(1)).orElseThrow();
        for (int i = 0; i < times.size(); i++) {
            Map<String, Object> output = Json.obj("ok", true);
            if (costs.get(i) != null) {
                output.put(StepCost.KEY, costs.get(i));
            }
            StepRecord step = new StepRecord(
                    id,
                    i + 1,
                    "step_" + (i + 1),
                    Json.obj(
                            "input", Json.obj(), "output", output, "timing", Json.obj("duration_ms", 1), "error", null),
                    times.get(i));
            assertThat(stores.queue()
                            .recordStep(
                                    step,
                                    "costs",
                                    new StepUpdate(MmaStatus.GENERATING, job.document(), null),
                                    times.get(i)))
                    .isTrue();
        }
        return id;
    }

    private static Map<String, Object> cost(String provider, String model, String usd) {
        BigDecimal amount = usd == null ? null : new BigDecimal(usd);
        StepCost cost = amount == null
                ? StepCost.unknown(provider, model, Json.obj("images", 1), 1, "no price")
                : new StepCost(provider, model, amount, Json.obj("images", 1), Json.obj("per_image", usd), 1, null);
        return cost.toJson();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aGenerationsTotalIsTheExactSumOfItsKnownCostsAndCountsTheUnknownOnes() {
        String provider = unique("openai");
        Instant at = T0.plusSeconds(10);
        GenerationId id = generationWithSteps(
                List.of(at, at.plusSeconds(1), at.plusSeconds(2), at.plusSeconds(3)),
                Arrays.asList(
                        cost(provider, "m", "0.1"), cost(provider, "m", "0.2"), cost(provider, "gone", null), null));
        // Add another generation's step: it is not part of this total.
        generationWithSteps(List.of(at), List.of(cost(provider, "m", "5")));

        CostTotal total = costs().ofGeneration(id);

        assertThat(total.group()).isEqualTo(id.mgId());
        assertThat(total.usd()).isEqualByComparingTo("0.3");
        assertThat(total.usdText()).isEqualTo("0.3");
        assertThat(total.pricedSteps()).isEqualTo(2);
        assertThat(total.unpricedSteps()).isEqualTo(1);
        assertThat(total.complete()).isFalse();
    }

    @Test
    void aGenerationWithoutProviderStepsCostsNothing() {
        GenerationId id = generationWithSteps(List.of(T0), Arrays.asList((Map<String, Object>) null));

        CostTotal total = costs().ofGeneration(id);

        assertThat(total.usd()).isEqualByComparingTo("0");
        assertThat(total.pricedSteps() + total.unpricedSteps()).isZero();
        assertThat(costs().ofGeneration(newId()).usd()).isEqualByComparingTo("0");
    }

    @Test
    void totalsAreGroupedByProviderModelOrUtcDayAndStartAtTheGivenTime() {
        // Days of their own (other tests record near T0), just before and after midnight UTC.
        Instant dayOne = Instant.parse("2031-03-01T23:59:59Z");
        Instant dayTwo = Instant.parse("2031-03-02T00:00:01Z");
        Instant before = Instant.parse("2031-02-27T12:00:00Z");
        String kling = unique("kling");
        String seedream = unique("seedream");
        generationWithSteps(List.of(before), List.of(cost(kling, kling + "-v2-1", "100")));
        generationWithSteps(
                List.of(dayOne, dayOne),
                List.of(cost(kling, kling + "-v2-1", "0.28"), cost(seedream, seedream + "-4", "0.03")));
        generationWithSteps(
                List.of(dayTwo, dayTwo),
                List.of(cost(kling, kling + "-v2-1", "0.49"), cost(seedream, seedream + "-5", null)));
        Instant since = Instant.parse("2031-03-01T00:00:00Z");

        assertThat(costs().totals(since, CostGrouping.PROVIDER))
                .filteredOn(t -> t.group().equals(kling) || t.group().equals(seedream))
                .extracting(CostTotal::group, CostTotal::usdText, CostTotal::pricedSteps, CostTotal::unpricedSteps)
                .containsExactly(tuple(kling, "0.77", 2L, 0L), tuple(seedream, "0.03", 1L, 1L));
        assertThat(costs().totals(since, CostGrouping.MODEL))
                .filteredOn(t -> t.group().startsWith(seedream))
                .extracting(CostTotal::group, CostTotal::usdText, CostTotal::unpricedSteps)
                .containsExactly(tuple(seedream + "-4", "0.03", 0L), tuple(seedream + "-5", "0", 1L));
        assertThat(costs().totals(since, CostGrouping.DAY))
                .filteredOn(t -> t.group().startsWith("2031-"))
                .extracting(CostTotal::group, CostTotal::usdText)
                .containsExactly(tuple("2031-03-01", "0.31"), tuple("2031-03-02", "0.49"));
        assertThat(costs().totals(null, CostGrouping.PROVIDER))
                .filteredOn(t -> t.group().equals(kling))
                .extracting(CostTotal::usdText)
                .containsExactly("100.77");
    }
}
