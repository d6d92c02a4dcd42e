package me.minav3.mma.submit;

import java.util.Comparator;
import java.util.Optional;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.providers.models.StillEngines;
import me.minav3.mma.providers.models.StillEngines.StillEngine;

/** What each kind of generation costs, from the {@code mma.costs} config row (spec §2.1). */
public record Costs(Matcha still, Matcha tweak, Matcha videoPerSecond) {

    public static Costs from(ConfigService config) {
        var value = config.value(ConfigKeys.COSTS);
        return new Costs(
                Matcha.of(Json.number(value, "still", 1)),
                Matcha.of(Json.number(value, "tweak", 1)),
                Matcha.of(Json.number(value, "video_per_second", 2)));
    }

    public Matcha video(int seconds) {
        return videoPerSecond.times(seconds);
    }

    /** A still on this engine: its own price ({@code mma.engines}), else {@code mma.costs} still. */
    public Matcha still(StillEngine engine) {
        return engine.stillCost() == null ? still : Matcha.of(engine.stillCost());
    }

    /** A tweak on this engine: its own price, else {@code mma.costs} tweak. */
    public Matcha tweak(StillEngine engine) {
        return engine.tweakCost() == null ? tweak : Matcha.of(engine.tweakCost());
    }

    /**
     * "Switch to main" (issue 22): when {@code refused} could not pay for {@code chosen}, another engine the balance
     * still covers and that costs less — the default engine when it does, else the cheapest — offered with the
     * refusal.
     */
    CreateOutcome.Refused withOffer(
            CreateOutcome.Refused refused, StillEngines engines, StillEngine chosen, boolean tweaking) {
        if (!(refused instanceof CreateOutcome.InsufficientMatcha short_)) {
            return refused;
        }
        Optional<StillEngine> cheaper = engines.engines().stream()
                .filter(e -> !e.name().equals(chosen.name()))
                .filter(e -> price(e, tweaking) < short_.needed() && price(e, tweaking) <= short_.balance())
                .min(Comparator.comparing((StillEngine e) -> !e.name().equals(engines.defaultEngine()))
                        .thenComparingLong(e -> price(e, tweaking)));
        return cheaper.map(
                        e -> short_.withOffer(new CreateOutcome.EngineOffer(e.name(), e.label(), price(e, tweaking))))
                .map(CreateOutcome.Refused.class::cast)
                .orElse(refused);
    }

    private long price(StillEngine engine, boolean tweaking) {
        return (tweaking ? tweak(engine) : still(engine)).amount();
    }
}
