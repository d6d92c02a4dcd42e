package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

/** Issue 18: a stage that fails on storage is refunded and tells the user it was storage, with the details in the step. */
class StorageOutagePipelineTest {

    private static final String DETAIL =
            "Unable to execute HTTP request: Connect to 10.1.2.3:9000 failed: Connection refused";

    private final InMemoryAssetStore store = new InMemoryAssetStore();
    private final PipelineFixture mma = new PipelineFixture(new InMemoryMega().stores(), store, new MutableClock());
    private final PassId alice = PassId.user("alice");

    @Test
    void aGenerationWhoseOutputCannotBeStoredIsRefundedAndNamesStorageNotTheImageService() {
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant("alice-1"),
                        alice,
                        1,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
        CreateOutcome outcome = mma.createStill.submit(new StillRequest(
                alice, "a teapot", null, AspectRatio.PORTRAIT_4_5, null, null, List.of(), Map.of(), null, null));
        Generation queued = ((CreateOutcome.Created) outcome).generation();
        store.breakDown(DETAIL);

        mma.runQueued();

        Generation failed = mma.reload(queued);
        assertThat(failed.status()).isEqualTo(MmaStatus.ERROR);
        assertThat(failed.error())
                .isEqualTo(
                        "Our storage is not available right now, so your image could not be saved. Your matcha was refunded.");
        assertThat(failed.error()).doesNotContain("image service").doesNotContain("10.1.2.3");
        assertThat(mma.stores.customers().find(alice).orElseThrow().credits()).isEqualTo(1);
        assertThat(mma.stores.credits().history(alice, 10))
                .extracting(CreditTransaction::id)
                .containsOnlyOnce(CreditTxId.refund(failed.id()));
        StepRecord failing = mma.stores.generations().steps(failed.id()).stream()
                .filter(StepRecord::failed)
                .findFirst()
                .orElseThrow();
        assertThat(failing.stepType()).endsWith("_generate");
        assertThat(Json.object(failing.payload(), "error"))
                .containsEntry("kind", "storage_failure")
                .satisfies(error ->
                        assertThat(String.valueOf(error.get("message"))).contains(DETAIL));
        assertThat(mma.live).anySatisfy(e -> assertThat(e.text() + e.data()).contains("Our storage is not available"));
    }
}
