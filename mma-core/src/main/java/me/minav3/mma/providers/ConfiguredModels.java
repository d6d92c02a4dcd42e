package me.minav3.mma.providers;

import java.util.Map;
import java.util.Optional;
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

    private ConfiguredModels() {}

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
        try {
            return ModelCapabilities.parse(config.value(ConfigKeys.PROVIDER_MODELS))
                    .find(provider, model);
        } catch (IllegalArgumentException unreadable) {
            // Publishing checks the shape; a row written around it leaves models unchecked rather than failing.
            return Optional.empty();
        }
    }
}
