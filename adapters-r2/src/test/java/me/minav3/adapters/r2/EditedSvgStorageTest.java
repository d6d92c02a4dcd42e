package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.submit.EditImage;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.Test;

/**
 * A vectorize run through the pipeline with the real sanitiser (decision 045): what is stored is the rebuilt
 * document, never the provider's; a result that is not an SVG fails the run and gives the share back.
 */
class EditedSvgStorageTest {

    private final PipelineFixture mma = new PipelineFixture(
            new InMemoryMega().stores(), new InMemoryAssetStore(), new MutableClock(), AssetStores.svgSanitizer());
    private final PassId alice = PassId.user("svg-alice");

    @Test
    void aHostileSvgIsStoredOnlyAsItsSafeRebuild() {
        Generation parent = finishedStill(2);
        mma.editor.vectorizeTo(SampleMedia.svgWithScript());

        Generation run = vectorize(parent);
        mma.runQueued();

        Generation done = mma.reload(run);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(done.outputUrl()).endsWith(".svg");
        String stored = new String(
                mma.assets
                        .read(mma.assets.keyOf(done.outputUrl()).orElseThrow())
                        .orElseThrow(),
                StandardCharsets.UTF_8);
        assertThat(stored).contains("<svg", "<rect").doesNotContain("script", "alert", "cookie");
    }

    @Test
    void aVectorizeResultThatIsNotAnSvgFailsTheRunAndGivesTheShareBack() {
        Generation parent = finishedStill(2);
        mma.editor.answer(SampleMedia.png(4, 4));

        Generation run = vectorize(parent);
        mma.runQueued();

        assertThat(mma.reload(run).status()).isEqualTo(MmaStatus.ERROR);
        assertThat(mma.stores.credits().toolPool(alice)).isEqualTo(2520);
        assertThat(mma.assets.list("mma/still/")).noneMatch(k -> k.value().endsWith(".svg"));
    }

    private Generation vectorize(Generation parent) {
        CreateOutcome outcome = mma.editImage.submit(
                new EditImage.Request(alice, parent.id(), "vectorize", null, null, null, null, null, null));
        return ((CreateOutcome.Created) outcome).generation();
    }

    private Generation finishedStill(long matcha) {
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant("svg-" + matcha),
                        alice,
                        matcha,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
        CreateOutcome outcome = mma.createStill.submit(new StillRequest(
                alice, "a pear", null, AspectRatio.SQUARE, null, null, List.of(), Map.of(), null, null));
        mma.runQueued();
        return mma.reload(((CreateOutcome.Created) outcome).generation());
    }
}
