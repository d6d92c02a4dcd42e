package me.minav3.bootstrap;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import me.minav3.adapters.providers.ProviderSettings;
import me.minav3.adapters.providers.RealProviders;
import me.minav3.adapters.providers.local.LocalProviders;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ProviderRegistry;
import me.minav3.mma.shopify.ShopifyApiVersion;

/**
 * The providers this process can use: every real provider whose keys are set, plus the local offline providers
 * (name {@code local}) that stand in for any role without keys.
 */
final class ProviderWiring {

    static final String LOCAL_LATENCY = "MINA_LOCAL_LATENCY_MS";

    private ProviderWiring() {}

    /** @param shopifyApiVersion the Admin API version for each Shopify call (environment, config, default) */
    static ProviderRegistry.Available available(
            MinaSettings settings, Telemetry telemetry, Supplier<ShopifyApiVersion> shopifyApiVersion) {
        RealProviders real = RealProviders.create(ProviderSettings.fromEnvironment(settings.env()), shopifyApiVersion);
        Duration latency = LocalProviders.latencyFromMillis(settings.get(LOCAL_LATENCY));
        LocalProviders.Bundle local = LocalProviders.create(latency);
        return new ProviderRegistry.Available(
                        with(real.visionLanguageModels(), LocalProviders.NAME, local.vision()),
                        withNicheStandIn(with(real.imageGenerators(), LocalProviders.NAME, local.images()), latency),
                        with(real.videoGenerators(), LocalProviders.NAME, local.videos()),
                        with(real.commerceGateways(), LocalProviders.NAME, RealProviders.loggingCommerceGateway()))
                .around(telemetry::timed);
    }

    /** The niche still engine's offline stand-in ({@code local_niche}, issue 22) beside the main one. */
    private static Map<String, ImageGenerator> withNicheStandIn(Map<String, ImageGenerator> images, Duration latency) {
        ImageGenerator niche = LocalProviders.nicheImages(latency);
        return with(images, niche.name(), niche);
    }

    private static <T> Map<String, T> with(Map<String, T> real, String name, T local) {
        Map<String, T> all = new LinkedHashMap<>(real);
        all.put(name, local);
        return all;
    }
}
