package me.minav3.mma.submit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.providers.ConfiguredModels;
import me.minav3.mma.providers.VideoJob;
import me.minav3.mma.providers.models.ModelCapability;
import org.jspecify.annotations.Nullable;

/**
 * What the configured video model offers (durations, sound, an end frame: {@code mma.provider.models}) and what a
 * video costs: matcha per second × seconds × the multiplier of the mode it runs in, rounded up to whole matcha
 * ({@code mma.costs.video_per_second}, per-model overrides and mode multipliers in {@code mma.video.prices};
 * decision 041). A model the table does not list offers {@code mma.video.durations} and is not checked further.
 */
public final class VideoOffer {

    private static final List<Integer> FALLBACK_SECONDS = List.of(5, 10);

    private final @Nullable ModelCapability model;
    private final String modelName;
    private final @Nullable String configuredMode;
    private final List<Integer> durations;
    private final int defaultSeconds;
    private final BigDecimal perSecond;
    private final Map<String, Object> multipliers;

    private VideoOffer(
            @Nullable ModelCapability model,
            String modelName,
            @Nullable String configuredMode,
            List<Integer> durations,
            int defaultSeconds,
            BigDecimal perSecond,
            Map<String, Object> multipliers) {
        this.model = model;
        this.modelName = modelName;
        this.configuredMode = configuredMode;
        this.durations = durations;
        this.defaultSeconds = defaultSeconds;
        this.perSecond = perSecond;
        this.multipliers = multipliers;
    }

    /** The offer of the video model the registry names, as the config stands now. */
    public static VideoOffer of(ConfigService config) {
        String provider = Json.string(config.value(ConfigKeys.PROVIDER_REGISTRY), "video", "");
        Map<String, Object> defaults = config.value(ConfigKeys.providerDefaults(provider));
        String modelName = me.minav3.mma.providers.models.ModelCapabilities.modelOf(defaults);
        ModelCapability model = ConfiguredModels.of(config, provider, modelName).orElse(null);
        String mode = Json.stringOrNull(defaults, "mode");
        var video = config.value(ConfigKeys.VIDEO);
        List<Integer> durations = model != null && !model.durations().isEmpty()
                ? model.durations()
                : configured(Json.list(video, "durations"));
        int fallback = (int) Json.number(video, "default_duration", 5);
        int defaultSeconds = durations.contains(fallback) ? fallback : durations.get(0);
        Map<String, Object> prices = config.value(ConfigKeys.VIDEO_PRICES);
        Object override = Json.object(prices, "models").get(modelName);
        BigDecimal perSecond = override instanceof Number n
                ? new BigDecimal(n.toString())
                : new BigDecimal(Json.number(config.value(ConfigKeys.COSTS), "video_per_second", 2));
        return new VideoOffer(
                model,
                modelName,
                mode == null || mode.isBlank() ? null : mode.strip(),
                durations,
                defaultSeconds,
                perSecond,
                Json.object(prices, "mode_multipliers"));
    }

    private static List<Integer> configured(List<Object> listed) {
        List<Integer> seconds = listed.stream()
                .filter(Number.class::isInstance)
                .map(n -> ((Number) n).intValue())
                .filter(s -> s >= 1 && s <= VideoJob.MAX_SECONDS)
                .toList();
        return seconds.isEmpty() ? FALLBACK_SECONDS : seconds;
    }

    /** The lengths offered, in seconds. */
    public List<Integer> durations() {
        return durations;
    }

    public int defaultSeconds() {
        return defaultSeconds;
    }

    /** Whether sound can be asked for (a model the table does not list: sent as asked). */
    public boolean offersSound() {
        return model == null || model.sound();
    }

    /** Whether an end frame can be given (a model the table does not list: sent as asked). */
    public boolean offersEndFrame() {
        return model == null || model.takesEndFrame();
    }

    /** The model the offer is for, as its defaults row names it. */
    public String modelName() {
        return modelName;
    }

    /** The requested length, or the default; a length the model does not make is refused with the ones it does. */
    public int seconds(@Nullable Integer requested) {
        int seconds = requested != null ? requested : defaultSeconds;
        if (!durations.contains(seconds)) {
            throw new InvalidInput(who() + " makes videos of " + words(durations) + " seconds, not " + seconds);
        }
        return seconds;
    }

    /**
     * Refuses what the model cannot make: a length it does not make, an end frame it never takes, sound it never
     * makes, or sound and an end frame that it takes in no common mode. Nothing is written or charged before.
     */
    public void check(int seconds, boolean endFrame, boolean sound) {
        seconds(seconds);
        if (model == null) {
            return;
        }
        if (endFrame && !model.takesEndFrame()) {
            throw new InvalidInput(model.describe() + " takes no end frame; animate without one");
        }
        if (sound && !model.sound()) {
            throw new InvalidInput(model.describe() + " makes no sound; animate with sound off");
        }
        if (endFrame && sound && mode(true, true) == null && !model.modes().isEmpty()) {
            throw new InvalidInput(model.describe() + " takes an end frame in " + words(model.endFrameModes())
                    + " mode and makes sound in " + words(model.soundModes()) + " mode, never both; "
                    + "remove the end frame or turn sound off");
        }
    }

    /**
     * The mode the video runs in: the configured one, moved to one that takes the end frame and makes the sound when
     * they need it (as the adapters' {@code ModelFit} does); null when the model has no modes or none fits.
     */
    public @Nullable String mode(boolean endFrame, boolean sound) {
        if (model == null) {
            return configuredMode;
        }
        if (model.modes().isEmpty()) {
            return null;
        }
        List<String> candidates = new ArrayList<>();
        if (configuredMode != null) {
            candidates.add(
                    configuredMode.equals("standard") && !model.modes().contains("standard")
                            ? "std"
                            : configuredMode.equals("std") && !model.modes().contains("std")
                                    ? "standard"
                                    : configuredMode);
        }
        candidates.addAll(model.modes());
        return candidates.stream()
                .filter(model::runsIn)
                .filter(m -> !endFrame || model.takesEndFrameIn(m))
                .filter(m -> !sound || model.soundIn(m))
                .findFirst()
                .orElse(null);
    }

    /** Matcha for a video: per second × seconds × the mode's multiplier, rounded up to a whole matcha. */
    public Matcha price(int seconds, boolean endFrame, boolean sound) {
        BigDecimal exact = perSecond.multiply(BigDecimal.valueOf(seconds)).multiply(multiplier(mode(endFrame, sound)));
        return Matcha.of(exact.setScale(0, RoundingMode.CEILING).longValueExact());
    }

    /** The multiplier of a mode ({@code standard} is priced as {@code std}); 1 when none is configured. */
    BigDecimal multiplier(@Nullable String mode) {
        if (mode == null) {
            return BigDecimal.ONE;
        }
        Object value = multipliers.get(mode.equals("standard") ? "std" : mode);
        return value instanceof Number n ? new BigDecimal(n.toString()) : BigDecimal.ONE;
    }

    /** Every choice the model allows with its price, for the page: {@code [{seconds, sound, end_frame, matcha}]}. */
    public List<Map<String, Object>> quotes() {
        List<Map<String, Object>> quotes = new ArrayList<>();
        for (int seconds : durations) {
            for (boolean end : offersEndFrame() ? List.of(false, true) : List.of(false)) {
                for (boolean sound : offersSound() ? List.of(false, true) : List.of(false)) {
                    if (allowed(seconds, end, sound)) {
                        quotes.add(Json.obj(
                                "seconds", seconds,
                                "sound", sound,
                                "end_frame", end,
                                "matcha", price(seconds, end, sound).amount()));
                    }
                }
            }
        }
        return quotes;
    }

    private boolean allowed(int seconds, boolean endFrame, boolean sound) {
        try {
            check(seconds, endFrame, sound);
            return true;
        } catch (InvalidInput refused) {
            return false;
        }
    }

    private String who() {
        return model != null ? model.describe() : "the video model " + modelName;
    }

    private static String words(List<?> values) {
        List<String> text = values.stream().map(String::valueOf).toList();
        if (text.size() <= 2) {
            return String.join(" or ", text);
        }
        return text.subList(0, text.size() - 1).stream().collect(Collectors.joining(", ")) + " or "
                + text.get(text.size() - 1);
    }

    /** The entry of the configured model, when the table lists it. */
    public Optional<ModelCapability> model() {
        return Optional.ofNullable(model);
    }
}
