package me.minav3.mma.pricing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * The USD list prices of config {@code mma.provider.prices}, and the cost of one provider call from them. Shape:
 * {@code {"providers": {<provider>: {"free": true} | {"models": {<model>: {"per_image": 0.03,
 * "per_second": {<mode>: 0.05}, "per_million_input_tokens": 0.4, "per_million_output_tokens": 1.6}}}}}}; prices
 * are numbers or decimal strings. A provider or model that is not in the table gets an unknown cost, never a guess.
 */
public final class PriceTable {

    public static final String PROVIDERS = "providers";
    public static final String FREE = "free";
    public static final String MODELS = "models";
    public static final String PER_IMAGE = "per_image";
    public static final String PER_SECOND = "per_second";
    public static final String PER_MILLION_INPUT = "per_million_input_tokens";
    public static final String PER_MILLION_OUTPUT = "per_million_output_tokens";

    private static final Set<String> PRICE_KEYS = Set.of(PER_IMAGE, PER_SECOND, PER_MILLION_INPUT, PER_MILLION_OUTPUT);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);
    private static final String KEY = "config mma.provider.prices";

    private final Map<String, Object> value;
    private final Integer version;

    private PriceTable(Map<String, Object> value, Integer version) {
        this.value = value;
        this.version = version;
    }

    /** The table of one stored config version. */
    public static PriceTable of(Map<String, Object> value, int version) {
        return new PriceTable(Json.copy(value), version);
    }

    /** Refuses a value that is not a price table (before it is published), saying what is wrong. */
    public static void check(Map<String, Object> value) {
        if (!(value.get(PROVIDERS) instanceof Map<?, ?> providers)) {
            throw new IllegalArgumentException("needs \"providers\": an object of provider name to prices");
        }
        providers.forEach((name, entry) -> {
            if (!(entry instanceof Map<?, ?> provider)) {
                throw new IllegalArgumentException("provider \"" + name + "\" needs an object");
            }
            Object free = provider.get(FREE);
            if (free != null && !(free instanceof Boolean)) {
                throw new IllegalArgumentException("provider \"" + name + "\": \"free\" is true or false");
            }
            Object models = provider.get(MODELS);
            if (models == null && !Boolean.TRUE.equals(free)) {
                throw new IllegalArgumentException("provider \"" + name + "\" needs \"models\" (or \"free\": true)");
            }
            if (models != null && !(models instanceof Map<?, ?>)) {
                throw new IllegalArgumentException(
                        "provider \"" + name + "\": \"models\" is an object of model to prices");
            }
            if (models instanceof Map<?, ?> byModel) {
                byModel.forEach((model, prices) -> checkModel(name + " " + model, prices));
            }
        });
    }

    private static void checkModel(String where, Object entry) {
        if (!(entry instanceof Map<?, ?> prices) || prices.isEmpty()) {
            throw new IllegalArgumentException(where + " needs an object with at least one price");
        }
        prices.forEach((key, price) -> {
            if (!PRICE_KEYS.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown price \"" + key + "\" (known: per_image, "
                        + "per_second, per_million_input_tokens, per_million_output_tokens)");
            }
            if (key.equals(PER_SECOND)) {
                if (!(price instanceof Map<?, ?> byMode) || byMode.isEmpty()) {
                    throw new IllegalArgumentException(where + ": \"per_second\" is an object of video mode to USD");
                }
                byMode.forEach((mode, perMode) -> amount(where + " per_second " + mode, perMode));
            } else {
                amount(where + " " + key, price);
            }
        });
    }

    /** A USD amount of a price: a non-negative number or decimal string. */
    private static BigDecimal amount(String where, @Nullable Object price) {
        BigDecimal amount = null;
        try {
            if (price instanceof Number number) {
                amount = number instanceof BigDecimal exact ? exact : new BigDecimal(number.toString());
            } else if (price instanceof String text) {
                amount = new BigDecimal(text.strip());
            }
        } catch (NumberFormatException e) {
            amount = null;
        }
        if (amount == null || amount.signum() < 0) {
            throw new IllegalArgumentException(where + " needs a USD amount of 0 or more, was " + price);
        }
        return amount;
    }

    /** One image from {@code provider}'s {@code model}. */
    public StepCost image(String provider, String model, int images) {
        Map<String, Object> units = Json.obj("images", images);
        if (free(provider)) {
            return free(provider, model, units);
        }
        Map<String, Object> prices = prices(provider, List.of(model));
        if (prices == null || !prices.containsKey(PER_IMAGE)) {
            return missing(provider, model, units, PER_IMAGE);
        }
        BigDecimal each = amount(PER_IMAGE, prices.get(PER_IMAGE));
        return StepCost.priced(
                provider,
                model,
                each.multiply(BigDecimal.valueOf(images)),
                units,
                Json.obj(PER_IMAGE, StepCost.plain(each)),
                version);
    }

    /** A video of {@code seconds} seconds made in {@code mode} (e.g. Kling's {@code std} or {@code pro}). */
    public StepCost video(String provider, String model, @Nullable String mode, int seconds) {
        Map<String, Object> units = Json.obj("seconds", seconds, "mode", mode);
        if (free(provider)) {
            return free(provider, model, units);
        }
        Map<String, Object> prices = prices(provider, List.of(model));
        Map<String, Object> byMode = prices == null ? Map.of() : Json.object(prices, PER_SECOND);
        if (byMode.isEmpty()) {
            return missing(provider, model, units, PER_SECOND);
        }
        if (mode == null || !byMode.containsKey(mode)) {
            return StepCost.unknown(
                    provider,
                    model,
                    units,
                    version,
                    KEY + " v" + version + " has no per_second price " + "for " + provider + " " + model + " in mode "
                            + mode + " (modes priced: " + byMode.keySet() + ")");
        }
        BigDecimal perSecond = amount(PER_SECOND, byMode.get(mode));
        return StepCost.priced(
                provider,
                model,
                perSecond.multiply(BigDecimal.valueOf(seconds)),
                units,
                Json.obj(PER_SECOND, StepCost.plain(perSecond)),
                version);
    }

    /**
     * One language-model call. {@code models} are the names to look the price up by, first match wins: the model
     * the reply names (often a dated snapshot) and then the model that was asked for. The token counts are null
     * when the reply reported none.
     */
    public StepCost tokens(
            String provider, List<String> models, @Nullable Long inputTokens, @Nullable Long outputTokens) {
        String model = models.isEmpty() ? null : models.get(0);
        boolean reported = inputTokens != null && outputTokens != null;
        Map<String, Object> units =
                reported ? Json.obj("input_tokens", inputTokens, "output_tokens", outputTokens) : Json.obj();
        if (free(provider)) {
            return free(provider, model, units);
        }
        Map<String, Object> prices = prices(provider, models);
        if (prices == null || !prices.containsKey(PER_MILLION_INPUT) || !prices.containsKey(PER_MILLION_OUTPUT)) {
            return StepCost.unknown(
                    provider,
                    model,
                    units,
                    version,
                    KEY + " v" + version + " has no "
                            + PER_MILLION_INPUT + " and " + PER_MILLION_OUTPUT + " price for provider " + provider
                            + " model "
                            + String.join(" or ", models.stream().distinct().toList()));
        }
        BigDecimal input = amount(PER_MILLION_INPUT, prices.get(PER_MILLION_INPUT));
        BigDecimal output = amount(PER_MILLION_OUTPUT, prices.get(PER_MILLION_OUTPUT));
        boolean freeTokens = input.signum() == 0 && output.signum() == 0;
        if (!reported && !freeTokens) {
            return StepCost.unknown(provider, model, units, version, "the reply reported no token usage");
        }
        if (inputTokens == null || outputTokens == null) { // not reported, and the tokens are free
            return StepCost.priced(
                    provider,
                    model,
                    BigDecimal.ZERO,
                    units,
                    Json.obj(PER_MILLION_INPUT, "0", PER_MILLION_OUTPUT, "0"),
                    version);
        }
        BigDecimal usd = input.multiply(BigDecimal.valueOf(inputTokens))
                .add(output.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(MILLION);
        return StepCost.priced(
                provider,
                model,
                usd,
                units,
                Json.obj(PER_MILLION_INPUT, StepCost.plain(input), PER_MILLION_OUTPUT, StepCost.plain(output)),
                version);
    }

    private boolean free(String provider) {
        return Boolean.TRUE.equals(
                Json.object(Json.object(value, PROVIDERS), provider).get(FREE));
    }

    private StepCost free(String provider, @Nullable String model, Map<String, Object> units) {
        return StepCost.priced(provider, model, BigDecimal.ZERO, units, Json.obj(FREE, true), version);
    }

    /** The prices of the first of {@code models} the provider lists, or null. */
    private @Nullable Map<String, Object> prices(String provider, List<String> models) {
        Map<String, Object> byModel = Json.object(Json.object(Json.object(value, PROVIDERS), provider), MODELS);
        return models.stream()
                .filter(m -> m != null && byModel.get(m) instanceof Map<?, ?>)
                .findFirst()
                .map(m -> Json.object(byModel, m))
                .orElse(null);
    }

    private StepCost missing(String provider, @Nullable String model, Map<String, Object> units, String price) {
        return StepCost.unknown(
                provider,
                model,
                units,
                version,
                KEY + " v" + version + " has no " + price + " price for provider " + provider + " model " + model);
    }
}
