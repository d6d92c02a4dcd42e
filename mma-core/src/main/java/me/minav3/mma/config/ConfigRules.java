package me.minav3.mma.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.limits.policy.LimitPolicy;
import me.minav3.mma.pricing.EditPrices;
import me.minav3.mma.pricing.PriceTable;
import me.minav3.mma.providers.models.ModelCapabilities;
import me.minav3.mma.providers.models.ModelCapability;
import me.minav3.mma.providers.models.StillEngines;
import me.minav3.mma.shopify.PackPolicy;
import me.minav3.mma.shopify.ShopifyConfig;
import me.minav3.mma.styles.catalog.StyleCatalog;

/** The shape each known config key must have; a value that would break the pipeline is refused before it is stored. */
final class ConfigRules {

    private ConfigRules() {}

    static void check(String key, Map<String, Object> value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidInput("config " + key + " must be a non-empty JSON object");
        }
        if (key.startsWith("mma.ctx.")) {
            Object prompt = value.get("system_prompt");
            if (!(prompt instanceof String text) || text.isBlank()) {
                throw new InvalidInput("config " + key + " needs a non-empty string \"system_prompt\"");
            }
        }
        if (key.equals(ConfigKeys.COSTS)) {
            for (String cost : new String[] {"still", "tweak", "video_per_second"}) {
                Object amount = value.get(cost);
                if (!(amount instanceof Number n)
                        || n.longValue() < 0
                        || n.doubleValue() != n.longValue()
                        || n.longValue() > 10_000) {
                    throw new InvalidInput(
                            "config " + key + " needs \"" + cost + "\" as a whole number of matcha from 0 to 10000");
                }
            }
        }
        if (key.equals(ConfigKeys.VIDEO)) {
            checkVideo(key, value);
        }
        if (key.equals(ConfigKeys.VIDEO_PRICES)) {
            checkVideoPrices(key, value);
        }
        if (key.startsWith("mma.provider.") && key.endsWith(".defaults")) {
            ProviderConcurrency.check(key, value);
        }
        if (key.equals(ConfigKeys.providerDefaults("replicate"))) {
            checkEditModels(key, value);
        }
        if (key.equals(ConfigKeys.PROVIDER_REGISTRY)) {
            for (String role : new String[] {"vision", "still", "video"}) {
                if (Json.string(value, role, "").isBlank()) {
                    throw new InvalidInput("config " + key + " needs a provider name for \"" + role + "\"");
                }
            }
        }
        if (key.equals(ConfigKeys.PROVIDER_MODELS)) {
            try {
                ModelCapabilities.parse(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("config " + key + ": " + e.getMessage());
            }
        }
        if (key.equals(ConfigKeys.ENGINES)) {
            try {
                StillEngines.parse(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("config " + key + ": " + e.getMessage());
            }
        }
        if (key.equals(ConfigKeys.PROVIDER_PRICES)) {
            try {
                PriceTable.check(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("config " + key + ": " + e.getMessage());
            }
        }
        if (key.equals(ConfigKeys.EDIT)) {
            try {
                EditPrices.parse(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("config " + key + ": " + e.getMessage());
            }
        }
        if (key.equals(ConfigKeys.LIMITS)) {
            try {
                LimitPolicy.parse(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("config " + key + ": " + e.getMessage());
            }
        }
        if (key.equals(ConfigKeys.STYLES)) {
            try {
                StyleCatalog.parse(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("config " + key + ": " + e.getMessage());
            }
        }
        if (key.equals(ConfigKeys.PACKS)) {
            try {
                PackPolicy.fromConfig(value);
            } catch (ConfigurationError e) {
                throw new InvalidInput(e.getMessage());
            }
        }
        if (key.equals(ConfigKeys.SHOPIFY)) {
            try {
                ShopifyConfig.check(value);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("config " + key + ": " + e.getMessage());
            }
        }
    }

    /** A Replicate model: {@code owner/name} (official) or {@code owner/name:<64 hex version id>} (community). */
    private static final Pattern REPLICATE_MODEL =
            Pattern.compile("[A-Za-z0-9][\\w.-]*/[A-Za-z0-9][\\w.-]*(:[0-9a-f]{64})?");

    /**
     * The Replicate editor's {@code models} (decision 046): an object of edit tool → Replicate model, each tool
     * known; tools left out keep their seeded model.
     */
    private static void checkEditModels(String key, Map<String, Object> value) {
        Object models = value.get("models");
        if (models == null) {
            return;
        }
        if (!(models instanceof Map<?, ?> byTool) || byTool.isEmpty()) {
            throw new InvalidInput("config " + key + " needs \"models\" as an object of edit tool to Replicate model");
        }
        byTool.forEach((tool, model) -> {
            // The tools' wire names as the price table knows them (config may not depend on providers: no cycle).
            if (!EditPrices.TOOLS.contains(String.valueOf(tool))) {
                throw new InvalidInput("config " + key + " names an unknown edit tool \"" + tool + "\" under models"
                        + " (known: " + String.join(", ", EditPrices.TOOLS) + ")");
            }
            if (!(model instanceof String id) || !REPLICATE_MODEL.matcher(id).matches()) {
                throw new InvalidInput("config " + key + " needs \"models." + tool + "\" as a Replicate model,"
                        + " owner/name or owner/name:<64 hex version id>, was " + model);
            }
        });
    }

    /** Video providers make 5 or 10 second clips; the default must be one of the offered durations. */
    /** {@code {"models": {model: matcha per second}, "mode_multipliers": {mode: factor}}}, both optional. */
    private static void checkVideoPrices(String key, Map<String, Object> value) {
        for (String part : new String[] {"models", "mode_multipliers"}) {
            Object entries = value.get(part);
            if (entries == null) {
                continue;
            }
            if (!(entries instanceof Map<?, ?> byName)) {
                throw new InvalidInput("config " + key + " needs \"" + part + "\" as an object of numbers");
            }
            double max = part.equals("models") ? 10_000 : 100;
            byName.forEach((name, number) -> {
                if (!(number instanceof Number n) || n.doubleValue() < 0 || n.doubleValue() > max) {
                    throw new InvalidInput("config " + key + " needs \"" + part + "." + name
                            + "\" as a number from 0 to " + (long) max);
                }
            });
        }
    }

    private static void checkVideo(String key, Map<String, Object> value) {
        List<Object> durations = Json.list(value, "durations");
        boolean valid = !durations.isEmpty()
                && durations.stream()
                        .allMatch(d -> d instanceof Number n
                                && n.doubleValue() == n.intValue()
                                && n.intValue() >= 1
                                && n.intValue() <= ModelCapability.MAX_SECONDS);
        if (!valid) {
            // Decision 041: these are the lengths of a model the capability table does not list; a listed model
            // offers its own.
            throw new InvalidInput(
                    "config " + key + " needs \"durations\": a non-empty list of whole seconds from 1 to "
                            + ModelCapability.MAX_SECONDS);
        }
        Object fallback = value.get("default_duration");
        if (!(fallback instanceof Number n)
                || durations.stream().noneMatch(d -> ((Number) d).intValue() == n.intValue())
                || n.doubleValue() != n.intValue()) {
            throw new InvalidInput("config " + key + " needs \"default_duration\" to be one of its durations");
        }
        for (String flag : new String[] {"regen_enabled", "pass_through_user_text"}) {
            if (value.containsKey(flag) && !(value.get(flag) instanceof Boolean)) {
                throw new InvalidInput("config " + key + " needs \"" + flag + "\" as true or false");
            }
        }
    }
}
