package me.minav3.mma.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.assets.UploadLimits;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.engine.LiveEvent;
import me.minav3.mma.engine.PipelineRunner;
import me.minav3.mma.engine.PipelineServices;
import me.minav3.mma.engine.SuggestMotion;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.providers.GptContexts;
import me.minav3.mma.providers.ProviderRegistry;
import me.minav3.mma.shopify.CommerceGateway;
import me.minav3.mma.styles.Styles;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.CreateStill;
import me.minav3.mma.submit.MediaInputs;
import me.minav3.mma.submit.SendVideoFeedback;
import me.minav3.mma.submit.TweakStill;

/**
 * The MMA pipeline (stills and motion) assembled on given stores with scripted providers, run synchronously: tests submit, then
 * {@link #runQueued()} claims and runs every queued job on the calling thread.
 */
public final class PipelineFixture {

    public final MegaStores stores;
    public final AssetStore assets;
    public final MutableClock clock;
    public final SequentialIds ids = new SequentialIds("gen");
    public final ScriptedVision vision = new ScriptedVision();
    public final ScriptedImages images = new ScriptedImages();
    /** The niche still engine's local stand-in (issue 22). */
    public final ScriptedImages nicheImages = new ScriptedImages("local_niche", "local");

    public final ScriptedVideos videos = new ScriptedVideos();
    public final FakeMediaFetcher fetcher = new FakeMediaFetcher();
    public final ConfigService config;
    public final IngestMedia media;
    public final ProviderRegistry providers;
    public final PipelineServices services;
    public final List<LiveEvent> live = java.util.Collections.synchronizedList(new ArrayList<>());
    public final PipelineRunner runner;
    public final CreateStill createStill;
    public final Styles styles;
    public final TweakStill tweakStill;
    public final AnimateStill animateStill;
    public final SuggestMotion suggestMotion;
    public final SendVideoFeedback videoFeedback;

    public PipelineFixture(MegaStores stores, AssetStore assets, MutableClock clock) {
        this.stores = stores;
        this.assets = assets;
        this.clock = clock;
        this.config = new ConfigService(stores.config(), clock, Duration.ZERO);
        config.seedDefaults();
        this.media = new IngestMedia(
                assets,
                fetcher,
                () -> UploadLimits.fromConfig(config.value(ConfigKeys.UPLOADS)),
                clock,
                new SequentialIds("asset"));
        CommerceGateway logOnly = new CommerceGateway() {
            @Override
            public String name() {
                return "local";
            }

            @Override
            public me.minav3.mma.common.ProviderTrace addCustomerTags(long customer, List<String> tags) {
                return me.minav3.mma.common.ProviderTrace.EMPTY;
            }
        };
        this.providers = new ProviderRegistry(
                new ProviderRegistry.Available(
                        Map.of("local", vision),
                        Map.of("local", images, "local_niche", nicheImages),
                        Map.of("local", videos),
                        Map.of("local", logOnly)),
                config);
        this.services = new PipelineServices(
                providers,
                new GptContexts(config, providers),
                media,
                stores.queue(),
                stores.generations(),
                stores.events(),
                stores.customers(),
                config,
                clock);
        this.runner = new PipelineRunner(services, live::add);
        MediaInputs inputs = new MediaInputs(assets, media);
        this.styles = new Styles(config, stores.customers(), assets, ids, clock);
        styles.installShippedImages();
        this.createStill =
                new CreateStill(stores.queue(), stores.sessions(), config, inputs, styles, clock, ids, () -> {});
        this.tweakStill =
                new TweakStill(stores.queue(), stores.sessions(), stores.generations(), config, clock, ids, () -> {});
        this.animateStill = new AnimateStill(
                stores.queue(), stores.sessions(), stores.generations(), config, inputs, media, clock, ids, () -> {});
        this.suggestMotion = new SuggestMotion(services, assets, new SequentialIds("event"));
        this.videoFeedback = new SendVideoFeedback(
                stores.queue(), stores.sessions(), stores.generations(), stores.events(), config, clock, ids, () -> {});
    }

    public PipelineFixture() {
        this(new InMemoryMega().stores(), new InMemoryAssetStore(), new MutableClock());
    }

    /** Claims and runs queued jobs on this thread until none is left; returns the ones it ran. */
    public List<Generation> runQueued() {
        List<Generation> ran = new ArrayList<>();
        Optional<Generation> job;
        while ((job = stores.queue().claimNext("test-worker", clock.now(), Duration.ofMinutes(2))).isPresent()) {
            runner.run(job.get(), "test-worker", 3);
            ran.add(job.get());
        }
        return ran;
    }

    public Generation reload(Generation generation) {
        return stores.generations().find(generation.id()).orElseThrow();
    }
}
