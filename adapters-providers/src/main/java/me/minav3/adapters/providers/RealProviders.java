package me.minav3.adapters.providers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import me.minav3.adapters.providers.http.Backoff;
import me.minav3.adapters.providers.http.ProviderHttp;
import me.minav3.adapters.providers.http.Redaction;
import me.minav3.adapters.providers.http.Sleeper;
import me.minav3.mma.common.Clock;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.VideoGenerator;
import me.minav3.mma.providers.VisionLanguageModel;
import me.minav3.mma.shopify.CommerceGateway;
import me.minav3.mma.shopify.ShopifyApiVersion;

/**
 * The real provider adapters whose credentials are configured, keyed by their registry names: {@code openai};
 * {@code seedream} (BytePlus ModelArk) and {@code seedream_replicate}; the niche still engine's {@code gemini}
 * (Gemini API) and {@code nano_banana_replicate}; {@code kling} (official API) and
 * {@code kling_replicate}; {@code shopify}. The core picks among them with {@code mma.provider.registry}; a name
 * missing here means its keys are absent and the local provider stands in.
 */
public final class RealProviders {

    private final Map<String, VisionLanguageModel> visionLanguageModels = new LinkedHashMap<>();
    private final Map<String, ImageGenerator> imageGenerators = new LinkedHashMap<>();
    private final Map<String, VideoGenerator> videoGenerators = new LinkedHashMap<>();
    private final Map<String, CommerceGateway> commerceGateways = new LinkedHashMap<>();

    RealProviders(ProviderSettings settings, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this(settings, clock, sleeper, random, pinnedOrDefault(settings, clock));
    }

    RealProviders(
            ProviderSettings settings,
            Clock clock,
            Sleeper sleeper,
            RandomGenerator random,
            Supplier<ShopifyApiVersion> shopifyApiVersion) {
        ProviderHttp http =
                new ProviderHttp(clock, sleeper, Backoff.standard(random), new Redaction(settings.secrets()));
        if (settings.hasOpenAi()) {
            VisionLanguageModel gpt = new OpenAiVisionLanguageModel(
                    settings.openAiBaseUrl(), Objects.requireNonNull(settings.openAiApiKey()), http);
            visionLanguageModels.put(gpt.name(), gpt);
        }
        if (settings.hasArk()) {
            ImageGenerator seedream = new SeedreamImageGenerator(
                    settings.arkBaseUrl(), Objects.requireNonNull(settings.arkApiKey()), http);
            imageGenerators.put(seedream.name(), seedream);
        }
        if (settings.hasReplicate()) {
            ReplicatePredictions predictions = new ReplicatePredictions(
                    settings.replicateBaseUrl(), Objects.requireNonNull(settings.replicateApiToken()), http);
            ImageGenerator stills = new ReplicateImageGenerator(predictions, http);
            imageGenerators.put(stills.name(), stills);
            ImageGenerator nanoBanana = new ReplicateNanoBananaImageGenerator(predictions, http);
            imageGenerators.put(nanoBanana.name(), nanoBanana);
            VideoGenerator videos = new ReplicateVideoGenerator(predictions, http);
            videoGenerators.put(videos.name(), videos);
        }
        if (settings.hasGemini()) {
            ImageGenerator gemini = new GeminiImageGenerator(
                    settings.geminiBaseUrl(), Objects.requireNonNull(settings.geminiApiKey()), http);
            imageGenerators.put(gemini.name(), gemini);
        }
        if (settings.hasKling()) {
            VideoGenerator kling = new KlingVideoGenerator(
                    settings.klingBaseUrl(),
                    new KlingToken(
                            Objects.requireNonNull(settings.klingAccessKey()),
                            Objects.requireNonNull(settings.klingSecretKey()),
                            clock),
                    http);
            videoGenerators.put(kling.name(), kling);
        }
        if (settings.hasShopify()) {
            CommerceGateway shop = new ShopifyCommerceGateway(
                    settings::shopifyGraphqlUrl,
                    shopifyApiVersion,
                    Objects.requireNonNull(settings.shopifyAdminToken()),
                    http);
            commerceGateways.put(shop.name(), shop);
        }
    }

    /**
     * The adapters of every provider whose keys {@code settings} holds, on the system clock; Shopify is called with
     * {@code SHOPIFY_API_VERSION} or the built-in default (falling forward when out of support).
     */
    public static RealProviders create(ProviderSettings settings) {
        return create(settings, pinnedOrDefault(settings, Clock.system()));
    }

    /**
     * As {@link #create(ProviderSettings)}, Shopify called with the version {@code shopifyApiVersion} gives on each
     * call (the apps pass {@code AdminApiVersion}: environment, then config, then the default).
     */
    public static RealProviders create(ProviderSettings settings, Supplier<ShopifyApiVersion> shopifyApiVersion) {
        // Adapters are shared by worker threads: each thread draws its jitter from its own generator.
        RandomGenerator perThread = () -> ThreadLocalRandom.current().nextLong();
        return new RealProviders(settings, Clock.system(), Sleeper.real(), perThread, shopifyApiVersion);
    }

    private static Supplier<ShopifyApiVersion> pinnedOrDefault(ProviderSettings settings, Clock clock) {
        return () -> ShopifyApiVersion.choose(settings.shopifyApiVersion(), "SHOPIFY_API_VERSION", clock.now())
                .used();
    }

    /** The local commerce default: a gateway that only logs the tagging it would do. Its name is {@code local}. */
    public static CommerceGateway loggingCommerceGateway() {
        return new LoggingCommerceGateway();
    }

    public Map<String, VisionLanguageModel> visionLanguageModels() {
        return Collections.unmodifiableMap(visionLanguageModels);
    }

    public Map<String, ImageGenerator> imageGenerators() {
        return Collections.unmodifiableMap(imageGenerators);
    }

    public Map<String, VideoGenerator> videoGenerators() {
        return Collections.unmodifiableMap(videoGenerators);
    }

    public Map<String, CommerceGateway> commerceGateways() {
        return Collections.unmodifiableMap(commerceGateways);
    }

    /** The names of every configured provider, for the startup log line. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        names.addAll(visionLanguageModels.keySet());
        names.addAll(imageGenerators.keySet());
        names.addAll(videoGenerators.keySet());
        names.addAll(commerceGateways.keySet());
        return List.copyOf(names);
    }
}
