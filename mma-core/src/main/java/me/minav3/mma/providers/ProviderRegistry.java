package me.minav3.mma.providers;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.providers.models.ModelCapability;
import me.minav3.mma.providers.models.StillEngines;
import me.minav3.mma.shopify.CommerceGateway;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which provider runs each role, chosen by the {@code mma.provider.registry} config row among the adapters that
 * are available (a real provider is available when its keys are set). A configured provider that is not
 * available falls back to the registry's {@code fallback} (the local offline providers), with one log line.
 * Adding a provider means an adapter and config rows, never a schema change (spec §13.4). Every call goes
 * through the provider's bulkhead (at most {@code max_concurrency} at once in this process).
 */
public final class ProviderRegistry {

    private static final Logger log = LoggerFactory.getLogger(ProviderRegistry.class);

    /** The adapters this process can use, by registry name; each map must hold the fallback ({@code local}). */
    public record Available(
            Map<String, VisionLanguageModel> vision,
            Map<String, ImageGenerator> images,
            Map<String, VideoGenerator> videos,
            Map<String, CommerceGateway> commerce) {
        public Available {
            vision = Map.copyOf(vision);
            images = Map.copyOf(images);
            videos = Map.copyOf(videos);
            commerce = Map.copyOf(commerce);
        }

        /** The same adapters, each call passing through {@code around} (a timer, a bulkhead). */
        public Available around(Around around) {
            return AroundProviders.wrap(this, around);
        }
    }

    /** What a call to any provider can pass through: it gets the registry name, the role and the call itself. */
    public interface Around {
        <T> T call(String provider, String role, Supplier<T> call);
    }

    /** One provider role's bulkhead right now (a metric): its limit, calls running and calls waiting. */
    public record Usage(String provider, String role, int limit, int active, int waiting) {}

    private final Available available;
    private final ConfigService config;
    private final ProviderLimits limits;
    private final Set<String> announced = ConcurrentHashMap.newKeySet();

    /** Every adapter is wrapped in its bulkhead ({@code max_concurrency} of its provider defaults). */
    public ProviderRegistry(Available available, ConfigService config) {
        this.config = config;
        this.limits = new ProviderLimits(config);
        this.available = limits.wrap(available);
        limits.register(available);
    }

    public VisionLanguageModel vision() {
        return pick("vision", available.vision());
    }

    public ImageGenerator images() {
        return pick("still", available.images());
    }

    /**
     * The still maker of an engine (issue 22): the provider its registry role names; when the registry has no such
     * role (a row published before the engine existed) or that provider has no keys, the engine's own local
     * stand-in, then the registry's fallback.
     */
    public ImageGenerator images(StillEngines.StillEngine engine) {
        if (engine.role().equals("still")) {
            return images();
        }
        Map<String, Object> registry = config.value(ConfigKeys.PROVIDER_REGISTRY);
        String wanted = Json.string(registry, engine.role(), engine.fallback());
        ImageGenerator adapter = available.images().get(wanted);
        if (adapter != null) {
            return adapter;
        }
        ImageGenerator own = available.images().get(engine.fallback());
        if (own != null) {
            announce(engine.role(), wanted, engine.fallback());
            return own;
        }
        return pick(engine.role(), available.images());
    }

    public VideoGenerator videos() {
        return pick("video", available.videos());
    }

    public CommerceGateway commerce() {
        return pick("commerce", available.commerce());
    }

    /** The {@code mma.provider.<name>.defaults} value of a provider. */
    public Map<String, Object> defaults(String provider) {
        return config.value(ConfigKeys.providerDefaults(provider));
    }

    /** What a provider's model (named by its defaults row) accepts, when the capability table lists it. */
    public Optional<ModelCapability> capability(String provider, Map<String, ?> defaults) {
        return ConfiguredModels.of(config, provider, defaults);
    }

    /** What a provider's model accepts, when the capability table lists it. */
    public Optional<ModelCapability> capability(String provider, @Nullable String model) {
        return ConfiguredModels.of(config, provider, model);
    }

    /** The bulkheads of every available provider role. */
    public List<Usage> usage() {
        return limits.usage();
    }

    /** One line naming the provider of each role, e.g. for the start-up log. */
    public String describe() {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("vision", vision().name());
        roles.put("still", images().name());
        roles.put("video", videos().name());
        roles.put("commerce", name(commerce()));
        return roles.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .reduce((a, b) -> a + " " + b)
                .orElse("");
    }

    private <T> T pick(String role, Map<String, T> adapters) {
        Map<String, Object> registry = config.value(ConfigKeys.PROVIDER_REGISTRY);
        String wanted = Json.string(registry, role, "local");
        String fallback = Json.string(registry, "fallback", "local");
        T adapter = adapters.get(wanted);
        if (adapter != null) {
            return adapter;
        }
        T substitute = adapters.get(fallback);
        if (substitute == null) {
            throw new ConfigurationError("no provider for " + role + ": neither '" + wanted + "' nor the fallback '"
                    + fallback + "' is available");
        }
        announce(role, wanted, fallback);
        return substitute;
    }

    private void announce(String role, String wanted, String active) {
        if (announced.add(role + ":" + wanted)) {
            log.info(
                    "provider_fallback role={} configured={} active={} reason=\"{} is not configured (no keys)\"",
                    role,
                    wanted,
                    active,
                    wanted);
        }
    }

    private static String name(CommerceGateway gateway) {
        return Objects.requireNonNullElse(gateway.name(), "?");
    }

    static <T> Map<String, T> byName(Iterable<T> adapters, Function<T, String> name) {
        Map<String, T> map = new LinkedHashMap<>();
        adapters.forEach(a -> map.put(name.apply(a), a));
        return map;
    }
}
