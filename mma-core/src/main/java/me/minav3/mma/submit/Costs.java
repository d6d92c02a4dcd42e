package me.minav3.mma.submit;

import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;

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
}
