package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.engine.SuggestMotion;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.SendVideoFeedback;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

/** Motion on a real PostgreSQL: a still animated, its feedback recorded, then regenerated, with the money reconciled. */
class PostgresMotionTest {

    @Test
    void aStillIsSuggestedAnimatedAndRegeneratedFromFeedbackOnTheRealLedger() {
        MegaDatabase db = TestDatabase.fresh();
        PipelineFixture mma = new PipelineFixture(PostgresStores.of(db), new InMemoryAssetStore(), new MutableClock());
        PassId erin = PassId.user("erin");
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant("erin"),
                        erin,
                        25,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
        var still = ((CreateOutcome.Created) mma.createStill.submit(new StillRequest(
                        erin,
                        "a teapot",
                        null,
                        AspectRatio.LANDSCAPE_16_9,
                        null,
                        null,
                        List.of(),
                        Map.of(),
                        null,
                        null)))
                .generation();
        mma.runQueued();

        var suggested = (SuggestMotion.Outcome.Suggested)
                mma.suggestMotion.suggest(new SuggestMotion.Request(erin, still.id(), null));
        var animated = (CreateOutcome.Created)
                mma.animateStill.submit(AnimateStill.Request.ofStill(erin, still.id(), suggested.prompt(), null, 5));
        mma.runQueued();
        Generation video = mma.reload(animated.generation());
        var recorded = mma.videoFeedback.send(new SendVideoFeedback.Request(erin, video.id(), "too fast", null, null));
        var regen = Json.mutableCopy(DefaultConfig.values().get(ConfigKeys.VIDEO));
        regen.put("regen_enabled", true);
        mma.stores.config().publish(ConfigKeys.VIDEO, regen, "test", mma.clock.now());
        var regenerated = (SendVideoFeedback.Outcome.Regenerating)
                mma.videoFeedback.send(new SendVideoFeedback.Request(erin, video.id(), "too fast", null, null));
        mma.runQueued();

        assertThat(video.status()).isEqualTo(MmaStatus.DONE);
        assertThat(video.mode()).isEqualTo(MmaMode.VIDEO);
        assertThat(video.parentId()).isEqualTo(still.id());
        assertThat(video.outputKey()).isEqualTo("mma/video/" + video.id().value() + ".mp4");
        assertThat(video.section("settings"))
                .containsEntry("aspect_ratio", "16:9")
                .containsEntry("duration", 5);
        assertThat(mma.stores.generations().steps(video.id()))
                .extracting(StepRecord::stepType)
                .containsExactly("scan_input_still", "gpt_reader_motion", "local_generate");
        assertThat(recorded).isInstanceOf(SendVideoFeedback.Outcome.Recorded.class);
        Generation again = mma.reload(((CreateOutcome.Created) regenerated.creation()).generation());
        assertThat(again.status()).isEqualTo(MmaStatus.DONE);
        assertThat(again.parentId()).isEqualTo(video.id());
        assertThat(mma.stores.generations().steps(again.id()))
                .extracting(StepRecord::stepType)
                .containsExactly("gpt_feedback_motion", "local_generate_feedback");
        assertThat(mma.stores.events().about(still.id()))
                .extracting(MmaEvent::type)
                .contains(EventType.CREATE, EventType.SUGGESTION, EventType.ANIMATE);
        assertThat(mma.stores.events().about(video.id()))
                .extracting(MmaEvent::type)
                .containsExactly(EventType.FEEDBACK, EventType.FEEDBACK);
        assertThat(mma.stores.customers().find(erin).orElseThrow().credits()).isEqualTo(25 - 1 - 10 - 10);
        assertThat(mma.stores.credits().drifts()).isEmpty();
    }
}
