package me.minav3.mma.providers;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.providers.models.ModelCapabilities;
import me.minav3.mma.providers.models.ModelCapability;
import org.jspecify.annotations.Nullable;

/**
 * Finds the capability entry ({@code mma.provider.models}) of a provider's model, or of the model configured for a
 * role: the provider named in {@code mma.provider.registry}, its model in {@code mma.provider.<name>.defaults}.
 * Submissions check against the configured provider even when its keys are missing and the local stand-in runs,
 * so a developer machine refuses what production would.
 */
public final class ConfiguredModels {

    /**
     * The table last parsed and the config value it was parsed from. Config values are immutable and cached by
     * {@link ConfigService} (the same instance until a newer version is read), so each still's capability checks
     * parse the table once per version instead of on every call (it was 8 % of a still's CPU samples).
     */
    private record Parsed(
            Map<String, Object> source, @Nullable ModelCapabilities table) {}

    private static final AtomicReference<@Nullable Parsed> LAST = new AtomicReference<>();

    private ConfiguredModels() {}

    /** The capability table of the current config; empty when it cannot be read. */
    @SuppressWarnings("ReferenceEquality") // the identity of the cached config value is the point
    static Optional<ModelCapabilities> table(ConfigService config) {
        Map<String, Object> value = config.value(ConfigKeys.PROVIDER_MODELS);
        Parsed last = LAST.get();
        if (last == null || last.source() != value) {
            ModelCapabilities table;
            try {
                table = ModelCapabilities.parse(value);
            } catch (IllegalArgumentException unreadable) {
                // Publishing checks the shape; a row written around it leaves models unchecked rather than failing.
                table = null;
            }
            last = new Parsed(value, table);
            LAST.set(last);
        }
        return Optional.ofNullable(last.table());
    }

    /** The entry of the model configured for {@code role} ({@code vision}, {@code still}, {@code video}). */
    public static Optional<ModelCapability> forRole(ConfigService config, String role) {
        String provider = Json.string(config.value(ConfigKeys.PROVIDER_REGISTRY), role, "");
        return of(config, provider, ModelCapabilities.modelOf(config.value(ConfigKeys.providerDefaults(provider))));
    }

    /** The entry of a provider's model as its defaults row names it. */
    public static Optional<ModelCapability> of(
            ConfigService config, String provider, @Nullable Map<String, ?> defaults) {
        return of(config, provider, ModelCapabilities.modelOf(defaults));
    }

    /** The entry of a provider's model; empty when the table does not list it or the table cannot be read. */
    public static Optional<ModelCapability> of(ConfigService config, String provider, @Nullable String model) {
        return table(config).flatMap(table -> table.find(provider, model));
    }
}
