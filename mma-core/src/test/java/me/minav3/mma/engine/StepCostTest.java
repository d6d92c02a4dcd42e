package me.minav3.mma.engine;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.VideoJob;
import me.minav3.mma.studio.GenerationTrail;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

/** Every provider step records what it cost, from the price table in config; an unpriced model never fails a run. */
class StepCostTest {

    private final PipelineFixture mma = new PipelineFixture();
    private final PassId alice = PassId.user("alice");

    StepCostTest() {
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant("alice"),
                        alice,
                        100,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
    }

    private void publish(String key, Map<String, Object> value) {
        new PublishConfig(mma.stores.config(), mma.config, mma.stores.audit(), mma.clock, new SequentialIds("audit"))
                .publish(key, value, Actor.SYSTEM);
    }

    /** Prices for the scripted models (they run under the provider name "local"). */
    private void price(Map<String, Object> models) {
        publish(ConfigKeys.PROVIDER_PRICES, obj("providers", obj("local", obj("models", models))));
    }

    private Generation still() {
        var created = (CreateOutcome.Created) mma.createStill.submit(new StillRequest(
                alice,
                "a matcha bottle on linen",
                null,
                AspectRatio.PORTRAIT_4_5,
                null,
                null,
                List.of(),
                Map.of(),
                null,
                null));
        mma.runQueued();
        return mma.reload(created.generation());
    }

    private Generation video(Generation still, int seconds) {
        var created = (CreateOutcome.Created)
                mma.animateStill.submit(AnimateStill.Request.ofStill(alice, still.id(), "slow pan", null, seconds));
        mma.runQueued();
        return mma.reload(created.generation());
    }

    private Map<String, Object> cost(Generation g, String stepType) {
        StepRecord step = mma.stores.generations().steps(g.id()).stream()
                .filter(s -> s.stepType().equals(stepType))
                .findFirst()
                .orElseThrow();
        return Json.object(step.output(), "cost");
    }

    @Test
    void aGptStepCostsItsReportedTokensAtThePerMillionPrices() {
        price(obj("scripted-1", obj("per_million_input_tokens", 0.40, "per_million_output_tokens", "1.60")));
        mma.vision.reportsUsage(1_000, 250);

        Generation done = still();

        // 1000 × 0.40 / 1e6 + 250 × 1.60 / 1e6
        assertThat(cost(done, "gpt_reader"))
                .containsEntry("usd", "0.0008")
                .containsEntry("provider", "local")
                .containsEntry("model", "scripted-1")
                .containsEntry("units", obj("input_tokens", 1_000L, "output_tokens", 250L))
                .containsEntry("unit_price", obj("per_million_input_tokens", "0.4", "per_million_output_tokens", "1.6"))
                .containsEntry("price_table_version", 2);
    }

    @Test
    void aStillCostsItsPerImagePrice() {
        price(obj("scripted-image-1", obj("per_image", 0.03)));

        Generation done = still();

        assertThat(cost(done, "local_generate"))
                .containsEntry("usd", "0.03")
                .containsEntry("units", obj("images", 1))
                .containsEntry("unit_price", obj("per_image", "0.03"))
                .containsEntry("model", "scripted-image-1");
    }

    @Test
    void aVideoCostsItsSecondsAtThePriceOfTheModeTheProviderWasSent() {
        price(obj("scripted-video-1", obj("per_second", obj("std", "0.056", "pro", "0.098"))));
        publish(
                ConfigKeys.providerDefaults("local"),
                Json.copy(merge(DefaultConfig.values().get(ConfigKeys.providerDefaults("local")), obj("mode", "std"))));
        Generation still = still();

        Generation byDefaults = video(still, 5);
        mma.videos.sendsMode("pro");
        Generation corrected = video(still, 10);

        assertThat(cost(byDefaults, "local_generate"))
                .containsEntry("usd", "0.28")
                .containsEntry("units", obj("seconds", 5, "mode", "std"))
                .containsEntry("unit_price", obj("per_second", "0.056"));
        assertThat(cost(corrected, "local_generate"))
                .containsEntry("usd", "0.98")
                .containsEntry("units", obj("seconds", 10, "mode", "pro"));
    }

    @Test
    void aReplicateVideoIsPricedByTheModeAndSecondsInsideTheInputItSent() {
        publish(
                ConfigKeys.PROVIDER_PRICES,
                obj(
                        "providers",
                        obj(
                                "kling_replicate",
                                obj(
                                        "models",
                                        obj(
                                                "kwaivgi/kling-v2.1",
                                                obj("per_second", obj("standard", "0.05", "pro", "0.09")))))));
        ImageRef start = new ImageRef("https://cdn.example.com/start.png", () -> new byte[0]);
        VideoJob job = new VideoJob(
                new GenerationId("v1"),
                "turn",
                null,
                start,
                null,
                5,
                AspectRatio.SQUARE,
                Map.of(),
                obj("model", "kwaivgi/kling-v2.1", "mode", "standard"));
        GeneratedMedia made = new GeneratedMedia(
                new MediaPayload.Remote(URI.create("https://replicate.delivery/v.mp4")),
                "kling_replicate",
                "kwaivgi/kling-v2.1",
                new ProviderTrace(
                        obj("method", "POST", "body", obj("input", obj("mode", "pro", "duration", 10))),
                        Map.of(),
                        List.of()));

        assertThat(PricedStep.video(mma.config, made, job))
                .containsEntry("usd", "0.9")
                .containsEntry("units", obj("seconds", 10, "mode", "pro"));
    }

    @Test
    void aModelMissingFromThePriceTableHasAnUnknownCostWithAReasonAndTheGenerationStillFinishes() {
        price(obj("scripted-image-1", obj("per_image", 0.03)));
        mma.vision.reportsUsage(500, 50);

        Generation done = still();

        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        Map<String, Object> reader = cost(done, "gpt_reader");
        assertThat(reader).containsEntry("usd", null).containsEntry("model", "scripted-1");
        assertThat((String) reader.get("reason"))
                .contains("mma.provider.prices v2")
                .contains("scripted-1")
                .contains("per_million_input_tokens");
        var total = new GenerationTrail(mma.stores.generations(), mma.stores.events(), mma.stores.costs())
                .of(done.id())
                .cost();
        assertThat(total.usdText()).isEqualTo("0.03");
        assertThat(total.pricedSteps()).isEqualTo(1);
        assertThat(total.unpricedSteps()).isEqualTo(2);
    }

    @Test
    void aPricedModelWhoseReplyReportedNoUsageHasAnUnknownCost() {
        price(obj("scripted-1", obj("per_million_input_tokens", 0.40, "per_million_output_tokens", 1.60)));

        Generation done = still();

        assertThat(cost(done, "gpt_reader"))
                .containsEntry("usd", null)
                .containsEntry("reason", "the reply reported no token usage");
    }

    @Test
    void theLocalProvidersCostNothingWithTheSeededPrices() {
        Generation done = still();
        Generation video = video(done, 5);

        assertThat(cost(done, "gpt_reader")).containsEntry("usd", "0").containsEntry("price_table_version", 1);
        assertThat(cost(done, "local_generate")).containsEntry("usd", "0");
        assertThat(cost(video, "local_generate")).containsEntry("usd", "0");
        var total = new GenerationTrail(mma.stores.generations(), mma.stores.events(), mma.stores.costs())
                .of(video.id())
                .cost();
        assertThat(total.usdText()).isEqualTo("0");
        assertThat(total.pricedSteps()).isEqualTo(3);
        assertThat(total.complete()).isTrue();
    }

    private static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> changes) {
        var merged = Json.mutableCopy(base);
        merged.putAll(changes);
        return merged;
    }
}
