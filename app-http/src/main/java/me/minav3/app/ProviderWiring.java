package me.minav3.app;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import me.minav3.adapters.providers.ProviderSettings;
import me.minav3.adapters.providers.RealProviders;
import me.minav3.adapters.providers.local.LocalProviders;
import me.minav3.mma.pipeline.ProviderRegistry;

/**
 * The providers this process can use: every real provider whose keys are set, plus the local offline providers
 * (name {@code local}) that stand in for any role without keys.
 */
final class ProviderWiring {

    static final String LOCAL_LATENCY = "MINA_LOCAL_LATENCY_MS";

    private ProviderWiring() {
    }

    static ProviderRegistry.Available available(MinaSettings settings, Telemetry telemetry) {
        RealProviders real = RealProviders.create(ProviderSettings.fromEnvironment(settings.env()));
        Duration latency = LocalProviders.latencyFromMillis(settings.get(LOCAL_LATENCY));
        LocalProviders.Bundle local = LocalProviders.create(latency);
        return new ProviderRegistry.Available(
                timed(with(real.visionLanguageModels(), LocalProviders.NAME, local.vision()), telemetry::timed),
                timed(with(real.imageGenerators(), LocalProviders.NAME, local.images()), telemetry::timed),
                timed(with(real.videoGenerators(), LocalProviders.NAME, local.videos()), telemetry::timed),
                timed(with(real.commerceGateways(), LocalProviders.NAME, RealProviders.loggingCommerceGateway()),
                        telemetry::timed));
    }

    private static <T> Map<String, T> timed(Map<String, T> adapters, java.util.function.UnaryOperator<T> timing) {
        Map<String, T> timed = new LinkedHashMap<>();
        adapters.forEach((name, adapter) -> timed.put(name, timing.apply(adapter)));
        return timed;
    }

    private static <T> Map<String, T> with(Map<String, T> real, String name, T local) {
        Map<String, T> all = new LinkedHashMap<>(real);
        all.put(name, local);
        return all;
    }
}
