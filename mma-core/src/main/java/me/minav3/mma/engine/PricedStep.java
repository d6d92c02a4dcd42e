package me.minav3.mma.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.ConfigVersion;
import me.minav3.mma.pricing.PriceTable;
import me.minav3.mma.pricing.StepCost;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.TokenUsage;
import me.minav3.mma.providers.VideoJob;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code cost} a provider step records in its output, from the newest price table
 * ({@code mma.provider.prices}). Working out a cost never fails a generation: whatever goes wrong is recorded as an
 * unknown cost with its reason.
 */
final class PricedStep {

    private static final Logger log = LoggerFactory.getLogger(PricedStep.class);

    private PricedStep() {}

    /** A GPT call, from the tokens its reply reported; priced by the model the reply names, else the one asked. */
    static Map<String, Object> gpt(ConfigService config, GptReply reply, @Nullable String askedModel) {
        List<String> models = new ArrayList<>();
        if (reply.model() != null) {
            models.add(reply.model());
        }
        if (askedModel != null && !models.contains(askedModel)) {
            models.add(askedModel);
        }
        TokenUsage usage = reply.usage();
        return cost(
                config,
                reply.provider(),
                reply.model(),
                table -> table.tokens(
                        reply.provider(),
                        models,
                        usage == null ? null : usage.inputTokens(),
                        usage == null ? null : usage.outputTokens()));
    }

    /** One still. */
    static Map<String, Object> image(ConfigService config, GeneratedMedia media) {
        return cost(config, media.provider(), media.model(), table -> table.image(media.provider(), media.model(), 1));
    }

    /**
     * One video: its seconds and mode as the adapter sent them (its traced request body, {@code mode} and
     * {@code duration} at the top or under {@code input}), else the job's duration and the mode of the settings
     * or the provider defaults.
     */
    static Map<String, Object> video(ConfigService config, GeneratedMedia media, VideoJob job) {
        Map<String, Object> body = Json.object(media.trace().request(), "body");
        Map<String, Object> input = Json.object(body, "input");
        String mode = firstText(
                body.get("mode"),
                input.get("mode"),
                job.settings().get("mode"),
                job.defaults().get("mode"));
        int seconds = seconds(firstText(body.get("duration"), input.get("duration")), job.durationSeconds());
        return cost(
                config,
                media.provider(),
                media.model(),
                table -> table.video(media.provider(), media.model(), mode, seconds));
    }

    private static Map<String, Object> cost(
            ConfigService config, String provider, @Nullable String model, Function<PriceTable, StepCost> price) {
        try {
            ConfigVersion prices = config.latest(ConfigKeys.PROVIDER_PRICES).orElse(null);
            if (prices == null) {
                return StepCost.unknown(
                                provider,
                                model,
                                Map.of(),
                                null,
                                "config " + ConfigKeys.PROVIDER_PRICES + " has no version")
                        .toJson();
            }
            return price.apply(PriceTable.of(prices.value(), prices.version())).toJson();
        } catch (RuntimeException e) {
            log.warn("step_cost_unknown provider={} model={} error={}", provider, model, e.toString());
            return StepCost.unknown(
                            provider, model, Map.of(), null, "the cost could not be worked out: " + e.getMessage())
                    .toJson();
        }
    }

    private static @Nullable String firstText(@Nullable Object... candidates) {
        for (Object candidate : candidates) {
            if (candidate instanceof String text && !text.isBlank()) {
                return text;
            }
            if (candidate instanceof Number number) {
                return number.toString();
            }
        }
        return null;
    }

    private static int seconds(@Nullable String sent, int fallback) {
        try {
            return sent == null ? fallback : Integer.parseInt(sent.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
