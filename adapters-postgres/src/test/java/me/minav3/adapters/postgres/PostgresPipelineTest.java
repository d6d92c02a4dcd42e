package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.engine.MmaWorkers;
import me.minav3.mma.engine.PipelineRunner;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

/** The still pipeline on a real PostgreSQL: the row is the job, shared safely by several worker pools. */
class PostgresPipelineTest {

    private static PipelineFixture fixture() {
        MegaDatabase db = TestDatabase.fresh();
        return new PipelineFixture(PostgresStores.of(db), new InMemoryAssetStore(), new MutableClock());
    }

    static PassId customer(PipelineFixture mma, String name, long credits) {
        PassId passId = PassId.user(name);
        mma.stores
                .credits()
                .post(new CreditEntry(
                        CreditTxId.grant(name),
                        passId,
                        credits,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
        return passId;
    }

    static Generation submit(PipelineFixture mma, PassId passId, String brief) {
        return ((CreateOutcome.Created) mma.createStill.submit(new StillRequest(
                        passId, brief, null, AspectRatio.SQUARE, null, null, List.of(), Map.of(), null, null)))
                .generation();
    }

    @Test
    void theFullStepSequenceIsStoredWithItsPayloads() {
        PipelineFixture mma = fixture();
        PassId alice = customer(mma, "alice", 2);
        Generation queued = submit(mma, alice, "matcha latte on marble");

        mma.runQueued();

        Generation done = mma.reload(queued);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        List<StepRecord> steps = mma.stores.generations().steps(done.id());
        assertThat(steps)
                .extracting(StepRecord::stepType)
                .containsExactly("like_history", "gpt_reader", "local_generate", "postscan_output_still");
        assertThat(steps)
                .extracting(StepRecord::mgId)
                .first()
                .isEqualTo("mma_step:" + done.id().value() + ":1");
        assertThat(steps.get(1).input()).containsEntry("ctx_key", "mma.ctx.gpt_reader");
        assertThat(mma.stores.customers().find(alice).orElseThrow().credits()).isEqualTo(1);
        assertThat(mma.stores.credits().drifts()).isEmpty();
    }

    @Test
    void aFailingProviderIsRefundedExactlyOnceOnTheRealLedger() {
        PipelineFixture mma = fixture();
        PassId bob = customer(mma, "bob", 1);
        mma.images.failNext(1);
        Generation queued = submit(mma, bob, "a vase");

        mma.runQueued();

        assertThat(mma.reload(queued).status()).isEqualTo(MmaStatus.ERROR);
        assertThat(mma.stores.customers().find(bob).orElseThrow().credits()).isEqualTo(1);
        assertThat(mma.stores.credits().history(bob, 10))
                .extracting(t -> t.id().value())
                .containsExactlyInAnyOrder(
                        "credit_transaction:refund:" + queued.id().value(),
                        "credit_transaction:gen:" + queued.id().value(),
                        "credit_transaction:grant:bob");
    }

    @Test
    void aJobWhoseWorkerDiedIsPickedUpAgainAfterItsLeaseExpires() {
        PipelineFixture mma = fixture();
        PassId carol = customer(mma, "carol", 1);
        Generation queued = submit(mma, carol, "a teapot");
        assertThat(mma.stores.queue().claimNext("dead-worker", mma.clock.now(), Duration.ofSeconds(30)))
                .isPresent();

        assertThat(mma.runQueued()).isEmpty();
        mma.clock.advance(Duration.ofSeconds(31));
        assertThat(mma.runQueued()).hasSize(1);

        Generation done = mma.reload(queued);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(done.attempts()).isEqualTo(2);
    }

    @Test
    void fiftyJobsWaitOnAProviderAtOnceWithTwoDatabaseConnections() throws Exception {
        MegaDatabase db = MegaDatabase.open(TestDatabase.freshUrl(), 2);
        PipelineFixture mma = new PipelineFixture(PostgresStores.of(db), new InMemoryAssetStore(), new MutableClock());
        mma.stores
                .config()
                .publish(
                        "mma.provider.local.defaults",
                        Json.obj("model", "local-v1", "max_concurrency", 64),
                        "test",
                        mma.clock.now());
        // No call returns before all fifty are inside the provider: a job holding a connection meanwhile would
        // leave at most two of them there, and nothing would finish.
        mma.images.holdUntilTogether(50);
        PassId erin = customer(mma, "erin", 50);
        List<Generation> queued = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            queued.add(submit(mma, erin, "still " + i));
        }
        var settings = new MmaWorkers.Settings("pool", 50, Duration.ofMinutes(2), Duration.ofMillis(20), 3);
        try (db;
                MmaWorkers workers = new MmaWorkers(
                        mma.stores.queue(), new PipelineRunner(mma.services, e -> {}), mma.clock, settings)) {
            workers.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (queued.stream().anyMatch(g -> !mma.reload(g).status().isTerminal())
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(mma.images.wereTogether())
                    .as("all fifty calls were in the provider at once")
                    .isTrue();
            assertThat(queued)
                    .allSatisfy(g -> assertThat(mma.reload(g).status()).isEqualTo(MmaStatus.DONE));
            assertThat(mma.stores.credits().drifts()).isEmpty();
        }
    }

    @Test
    void twoWorkerPoolsOnOneDatabaseNeverRunTheSameJobTwice() throws Exception {
        PipelineFixture mma = fixture();
        mma.images.withLatency(20);
        PassId dora = customer(mma, "dora", 40);
        List<Generation> queued = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            queued.add(submit(mma, dora, "still " + i));
        }
        var settings = new MmaWorkers.Settings("pool-a", 4, Duration.ofMinutes(2), Duration.ofMillis(20), 3);
        try (MmaWorkers a = new MmaWorkers(
                        mma.stores.queue(), new PipelineRunner(mma.services, e -> {}), mma.clock, settings);
                MmaWorkers b = new MmaWorkers(
                        mma.stores.queue(),
                        new PipelineRunner(mma.services, e -> {}),
                        mma.clock,
                        new MmaWorkers.Settings("pool-b", 4, Duration.ofMinutes(2), Duration.ofMillis(20), 3))) {
            a.start();
            b.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (queued.stream().anyMatch(g -> !mma.reload(g).status().isTerminal())
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }

        for (Generation g : queued) {
            Generation done = mma.reload(g);
            assertThat(done.status()).isEqualTo(MmaStatus.DONE);
            assertThat(done.attempts()).as("claimed once").isEqualTo(1);
            assertThat(mma.stores.generations().steps(g.id())).hasSize(4);
        }
        assertThat(mma.images.jobs()).hasSize(40);
        assertThat(mma.stores.customers().find(dora).orElseThrow().credits()).isZero();
        assertThat(mma.stores.credits().drifts()).isEmpty();
    }
}
