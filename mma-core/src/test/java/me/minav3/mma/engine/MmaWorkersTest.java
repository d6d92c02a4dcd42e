package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.error.StorageFailure;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MegaStores;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

/** The worker pool: what happens to a job whose run is cut short by the database. */
class MmaWorkersTest {

    @Test
    void aJobInterruptedByAFailedWriteIsHandedBackAtOnceAndResumes() throws Exception {
        MegaStores memory = new InMemoryMega().stores();
        AtomicInteger failWrites = new AtomicInteger();
        GenerationQueue flaky = failingWrites(memory.queue(), failWrites);
        PipelineFixture mma =
                new PipelineFixture(memory.withQueue(flaky), new InMemoryAssetStore(), new MutableClock());
        Generation queued = oneStill(memory, mma, "fay");
        failWrites.set(1); // the database goes away for the job's second step write

        // The clock never moves: the job can only run again if it was handed back, not because its lease expired.
        var settings = new MmaWorkers.Settings("pool", 4, Duration.ofMinutes(2), Duration.ofMillis(10), 3);
        try (MmaWorkers workers =
                new MmaWorkers(flaky, new PipelineRunner(mma.services, e -> {}), mma.clock, settings)) {
            workers.start();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!mma.reload(queued).status().isTerminal() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
        }

        Generation done = mma.reload(queued);
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(done.attempts()).as("claimed a second time").isEqualTo(2);
        assertThat(mma.stores.generations().steps(done.id())).hasSize(4);
        assertThat(mma.stores.credits().drifts()).isEmpty();
    }

    @Test
    void aSecondStopReturnsAtOnceWithoutReleasingAgain() throws Exception {
        AtProvider held = AtProvider.counting("releaseLease", "gus"); // still at its provider when serve stops
        AtomicInteger releases = held.calls();
        GenerationQueue counting = held.queue();
        PipelineFixture mma = held.mma();
        Generation queued = held.still();
        var settings = new MmaWorkers.Settings("pool", 4, Duration.ofMinutes(2), Duration.ofMillis(10), 3);
        MmaWorkers workers = new MmaWorkers(counting, new PipelineRunner(mma.services, e -> {}), mma.clock, settings);
        workers.start();
        awaitGenerating(mma, queued);

        workers.stop(Duration.ofMillis(50)); // serve's drain: the job is given back
        assertThat(releases.get()).isEqualTo(1);

        long before = System.nanoTime();
        workers.close(); // the wiring closes the workers again: no second drain, no second release
        assertThat(Duration.ofNanos(System.nanoTime() - before)).isLessThan(Duration.ofSeconds(5));
        assertThat(releases.get()).isEqualTo(1);
        assertThat(mma.reload(queued).leaseOwner()).isNull();
    }

    /**
     * A job still at its provider when the drain ends is given back and told to stop (its thread interrupted), and
     * has ended when {@code stop} returns: nothing of it runs on against the stores the wiring closes next (a local
     * video kept encoding for seconds and then failed on the closed database), and it records nothing more.
     */
    @Test
    void aJobGivenBackAtStopHasEndedWhenStopReturnsAndRecordsNothingMore() throws Exception {
        AtProvider held = AtProvider.counting("releaseLease", "hal"); // a minute at its provider
        PipelineFixture mma = held.mma();
        Generation queued = held.still();
        var settings = new MmaWorkers.Settings("pool", 4, Duration.ofMinutes(2), Duration.ofMillis(10), 3);
        MmaWorkers workers =
                new MmaWorkers(held.queue(), new PipelineRunner(mma.services, e -> {}), mma.clock, settings);
        workers.start();
        awaitGenerating(mma, queued);
        int steps = mma.stores.generations().steps(queued.id()).size();

        long before = System.nanoTime();
        workers.stop(Duration.ofMillis(50));

        assertThat(workers.inFlight())
                .as("jobs still running when stop returned")
                .isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - before))
                .as("stop did not wait out the provider's minute")
                .isLessThan(Duration.ofSeconds(30));
        assertThat(held.calls().get()).as("given back once").isEqualTo(1);
        Generation after = mma.reload(queued);
        assertThat(after.leaseOwner()).isNull();
        assertThat(after.status().isTerminal())
                .as("left for its next owner, not failed")
                .isFalse();
        assertThat(mma.stores.generations().steps(queued.id())).hasSize(steps);
        assertThat(mma.stores.credits().drifts()).isEmpty();
    }

    /**
     * The heartbeat renews a lease once a third of it has passed since it was last set, not every running job at every
     * beat: a job shorter than that (every still in P3) is never renewed, and 2,000 of them in flight no longer cost
     * 2,000 updates at each beat (session 39). The clock is the workers' own, so time here passes only when the test
     * moves it.
     */
    @Test
    void aLeaseIsRenewedOnceAThirdOfItHasPassedAndAYoungOneIsLeftAlone() throws Exception {
        AtProvider held = AtProvider.counting("renewLease", "hal");
        AtomicInteger renewals = held.calls();
        GenerationQueue counting = held.queue();
        PipelineFixture mma = held.mma();
        Generation queued = held.still();
        Duration lease = Duration.ofMillis(600); // the heartbeat beats every 100 ms
        var settings = new MmaWorkers.Settings("pool", 4, lease, Duration.ofMillis(10), 3);
        try (MmaWorkers workers =
                new MmaWorkers(counting, new PipelineRunner(mma.services, e -> {}), mma.clock, settings)) {
            workers.start();
            awaitGenerating(mma, queued);

            Thread.sleep(500); // five beats while no time passes for the job
            assertThat(renewals.get())
                    .as("renewals of a lease younger than a third")
                    .isZero();

            mma.clock.advance(Duration.ofMillis(250)); // more than a third of the lease has passed
            java.time.Instant renewed = mma.clock.now().plus(lease);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!renewed.equals(mma.reload(queued).leaseUntil()) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(mma.reload(queued).leaseUntil()).isEqualTo(renewed);
            assertThat(renewals.get()).isEqualTo(1);

            Thread.sleep(300); // more beats: the lease was just set again
            assertThat(renewals.get()).isEqualTo(1);
        }
    }

    /**
     * One still that stays at its image provider for a minute, in an in-memory store whose queue counts the calls of
     * {@code method}.
     */
    private record AtProvider(GenerationQueue queue, PipelineFixture mma, Generation still, AtomicInteger calls) {

        static AtProvider counting(String method, String customer) {
            MegaStores memory = new InMemoryMega().stores();
            AtomicInteger calls = new AtomicInteger();
            GenerationQueue queue = intercepting(memory.queue(), method, calls::incrementAndGet);
            PipelineFixture mma =
                    new PipelineFixture(memory.withQueue(queue), new InMemoryAssetStore(), new MutableClock());
            mma.images.withLatency(Duration.ofMinutes(1).toMillis());
            return new AtProvider(queue, mma, oneStill(memory, mma, customer), calls);
        }
    }

    /** One still queued by a new customer {@code name} granted the matcha for it. */
    private static Generation oneStill(MegaStores memory, PipelineFixture mma, String name) {
        PassId passId = PassId.user(name);
        memory.credits()
                .post(new CreditEntry(
                        CreditTxId.grant(name),
                        passId,
                        1,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        mma.clock.now(),
                        Json.obj()));
        return ((CreateOutcome.Created) mma.createStill.submit(new StillRequest(
                        passId, "a jug", null, AspectRatio.SQUARE, null, null, List.of(), Map.of(), null, null)))
                .generation();
    }

    /** Waits (at most 30 s) until the job is at its image provider. */
    private static void awaitGenerating(PipelineFixture mma, Generation queued) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (mma.reload(queued).status() != MmaStatus.GENERATING && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(mma.reload(queued).status()).isEqualTo(MmaStatus.GENERATING);
    }

    /** The queue, except that the next {@code failures} step writes fail as if the database were restarting. */
    private static GenerationQueue failingWrites(GenerationQueue queue, AtomicInteger failures) {
        return intercepting(queue, "recordStep", () -> {
            if (failures.getAndDecrement() > 0) {
                throw new StorageFailure("the database could not complete the operation (SQLSTATE 57P01)");
            }
        });
    }

    /** The queue, running {@code before} ahead of every call of the method named {@code method}. */
    private static GenerationQueue intercepting(GenerationQueue queue, String method, Runnable before) {
        return (GenerationQueue) Proxy.newProxyInstance(
                GenerationQueue.class.getClassLoader(),
                new Class<?>[] {GenerationQueue.class},
                (proxy, called, args) -> {
                    if (called.getName().equals(method)) {
                        before.run();
                    }
                    try {
                        return called.invoke(queue, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
