package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.providers.VideoJob;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.submit.VideoOffer;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.SampleMedia;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

/**
 * Issue 22 item 3 (decision 041): the video model's lengths and sound from the capability table, refused with what
 * it allows; the price per second × seconds × the multiplier of the mode it runs in, charged once and refunded once.
 */
class VideoChoicesTest {

    private final PipelineFixture mma = new PipelineFixture();
    private final PassId alice = PassId.user("alice");

    @Test
    void aLengthTheModelDoesNotMakeIsRefusedNamingTheLengthsItMakesAndNothingIsCharged() {
        grant(alice, 100);
        Generation still = still(alice);
        long before = balance(alice);

        assertThatThrownBy(() -> mma.animateStill.submit(AnimateStill.Request.ofStill(alice, still.id(), "", null, 7)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("kling model kling-v2-1 makes videos of 5 or 10 seconds, not 7");
        assertThatThrownBy(() -> mma.animateStill.submit(AnimateStill.Request.ofStill(alice, still.id(), "", null, 5)
                        .withSound(true)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("kling model kling-v2-1 makes no sound; animate with sound off");
        useModel("kling-v2-1-master", "std");
        String end = mma.media
                .upload(alice, AssetKind.ANIMATION, SampleMedia.png(40, 50))
                .url();
        assertThatThrownBy(() -> mma.animateStill.submit(AnimateStill.Request.ofStill(alice, still.id(), "", end, 5)))
                .isInstanceOf(InvalidInput.class)
                .hasMessage("kling model kling-v2-1-master takes no end frame; animate without one");
        assertThat(balance(alice)).isEqualTo(before);
    }

    @Test
    void klingV3MakesTwelveSecondsWithSoundAndChargesPerSecondTimesSecondsTimesTheModeMultiplier() {
        useModel("kling-v3", "pro");
        grant(alice, 100);
        Generation still = still(alice);
        long before = balance(alice);

        Generation video = animate(
                AnimateStill.Request.ofStill(alice, still.id(), "", null, 12).withSound(true));

        assertThat(video.status()).isEqualTo(MmaStatus.DONE);
        // 2 matcha a second × 12 s × 1.75 for pro = 42
        assertThat(before - balance(alice)).isEqualTo(42);
        assertThat(video.section("settings")).containsEntry("duration", 12).containsEntry("sound", true);
        VideoJob job = mma.videos.jobs().get(0);
        assertThat(job.durationSeconds()).isEqualTo(12);
        assertThat(job.sound()).isTrue();
    }

    @Test
    void anEndFrameThatMovesStdToProIsPricedAsProAndAFailureRefundsThatPriceOnce() {
        grant(alice, 100);
        Generation still = still(alice);
        long before = balance(alice);
        String end = mma.media
                .upload(alice, AssetKind.ANIMATION, SampleMedia.png(40, 50))
                .url();
        mma.videos.failNext(1);

        Generation video = animate(AnimateStill.Request.ofStill(alice, still.id(), "", end, 10));
        mma.runQueued();

        assertThat(video.status()).isEqualTo(MmaStatus.ERROR);
        List<CreditTransaction> history = mma.stores.credits().history(alice, 20);
        assertThat(history)
                .filteredOn(t -> t.id().equals(CreditTxId.refund(video.id())))
                .extracting(CreditTransaction::delta)
                .containsExactly(35L); // 2 × 10 s × 1.75 (kling-v2-1 takes an end frame only in pro)
        assertThat(balance(alice)).isEqualTo(before);
    }

    @Test
    void aModelsOwnPerSecondPriceIsRoundedUpToWholeMatcha() {
        configure(ConfigKeys.VIDEO_PRICES, "models", Json.obj("kling-v2-1", 1.5));
        grant(alice, 100);
        Generation still = still(alice);
        long before = balance(alice);

        animate(AnimateStill.Request.ofStill(alice, still.id(), "", null, 5));

        assertThat(before - balance(alice)).isEqualTo(8); // 1.5 × 5 × 1 = 7.5, rounded up
        VideoOffer offer = VideoOffer.of(mma.config);
        assertThat(offer.quotes())
                .contains(Json.obj("seconds", 5, "sound", false, "end_frame", false, "matcha", 8L))
                .contains(Json.obj("seconds", 10, "sound", false, "end_frame", true, "matcha", 27L))
                .noneMatch(q -> Boolean.TRUE.equals(q.get("sound")));
    }

    @Test
    void concurrentAnimationsChargeEachPriceOnceAndNeverTakeTheBalanceBelowZero() throws Exception {
        useModel("kling-v3", "std");
        grant(alice, 50);
        Generation still = still(alice); // 1 matcha: 49 left, room for one 15 s video (2 × 15 × 1 = 30)
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Object>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(() -> {
                    try {
                        return mma.animateStill.submit(AnimateStill.Request.ofStill(alice, still.id(), "", null, 15));
                    } catch (RuntimeException refused) {
                        return refused;
                    }
                });
            }
            long created = 0;
            for (Future<Object> result : pool.invokeAll(calls)) {
                if (result.get() instanceof CreateOutcome.Created) {
                    created++;
                }
            }
            assertThat(created).isEqualTo(1);
            assertThat(balance(alice)).isEqualTo(49 - 30);
            long ledger = mma.stores.credits().history(alice, 50).stream()
                    .mapToLong(CreditTransaction::delta)
                    .sum();
            assertThat(ledger).isEqualTo(balance(alice));
        } finally {
            pool.shutdownNow();
        }
    }

    private void useModel(String model, String mode) {
        configure(ConfigKeys.providerDefaults("kling"), "model_name", model, "mode", mode);
    }

    private void grant(PassId passId, long amount) {
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant(passId.localId() + "-" + amount),
                        passId,
                        amount,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
    }

    private long balance(PassId passId) {
        return mma.stores.customers().find(passId).orElseThrow().credits();
    }

    private void configure(String key, Object... changes) {
        var value = Json.mutableCopy(DefaultConfig.values().get(key));
        value.putAll(Json.obj(changes));
        new PublishConfig(mma.stores.config(), mma.config, mma.stores.audit(), mma.clock, new SequentialIds("audit"))
                .publish(key, value, Actor.SYSTEM);
    }

    private Generation still(PassId passId) {
        var created = (CreateOutcome.Created) mma.createStill.submit(new StillRequest(
                passId,
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

    private Generation animate(AnimateStill.Request request) {
        CreateOutcome outcome = mma.animateStill.submit(request);
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        mma.runQueued();
        return mma.reload(((CreateOutcome.Created) outcome).generation());
    }
}
