package me.minav3.mma.generation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/**
 * The edit-tool pool (decision 042) on a {@link GenerationQueue} and its {@link me.minav3.mma.credits.Credits}: a
 * tool run draws its share of a matcha, one whole matcha moves into the pool when it holds less, a failed run
 * gives its share back once, and the balance stays its integer ledger sum, never below zero.
 */
public abstract class ToolPoolContract extends MegaContract {

    static final long UNIT = NewGeneration.POOL_UNITS_PER_MATCHA;
    static final long HALF = UNIT / 2;
    static final long FIFTH = UNIT / 5;
    static final long TENTH = UNIT / 10;

    private static NewGeneration toolRun(GenerationId id, PassId passId, long share, Instant at) {
        return new NewGeneration(
                id, passId, null, null, MmaMode.STILL, doc(Json.obj()), Json.obj(), Matcha.ZERO, at, null, share);
    }

    private long balance(PassId passId) {
        return stores.customers().find(passId).orElseThrow().credits();
    }

    private long ledgerSum(PassId passId) {
        return stores.credits().history(passId, 1000).stream()
                .mapToLong(CreditTransaction::delta)
                .sum();
    }

    private long movedIntoPool(PassId passId) {
        return -stores.credits().history(passId, 1000).stream()
                .filter(t -> t.reason() == CreditReason.TOOL_POOL)
                .mapToLong(CreditTransaction::delta)
                .sum();
    }

    private void assertInvariants(PassId passId) {
        assertThat(balance(passId)).isGreaterThanOrEqualTo(0).isEqualTo(ledgerSum(passId));
        assertThat(stores.credits().toolPool(passId)).isBetween(0L, UNIT - 1);
        assertThat(stores.credits().drifts()).noneMatch(d -> d.passId().equals(passId));
        assertThat(stores.credits().poolDrifts()).noneMatch(d -> d.passId().equals(passId));
    }

    @Test
    void aToolRunMovesOneMatchaIntoThePoolAndTheNextOnesDrawItDown() {
        PassId passId = customerWith(3);

        CreateOutcome first = stores.queue().create(toolRun(newId(), passId, HALF, T0));
        assertThat(first)
                .isInstanceOfSatisfying(
                        CreateOutcome.Created.class,
                        c -> assertThat(c.balance()).isEqualTo(2));
        assertThat(stores.credits().toolPool(passId)).isEqualTo(HALF);
        stores.queue().create(toolRun(newId(), passId, FIFTH, T0));
        stores.queue().create(toolRun(newId(), passId, TENTH, T0));
        assertThat(balance(passId)).as("½ + ⅕ + 1/10 fit in one matcha").isEqualTo(2);
        assertThat(stores.credits().toolPool(passId)).isEqualTo(UNIT - HALF - FIFTH - TENTH);

        stores.queue().create(toolRun(newId(), passId, HALF, T0));
        assertThat(balance(passId)).as("the next half needs a second matcha").isEqualTo(1);
        assertThat(stores.credits().toolPool(passId)).isEqualTo(2 * UNIT - 2 * HALF - FIFTH - TENTH);
        assertThat(movedIntoPool(passId)).isEqualTo(2);
        assertInvariants(passId);
    }

    @Test
    void aRetriedToolRunDrawsOnce() {
        PassId passId = customerWith(1);
        GenerationId id = newId();

        stores.queue().create(toolRun(id, passId, HALF, T0));
        CreateOutcome again = stores.queue().create(toolRun(id, passId, HALF, T0));

        assertThat(again).isInstanceOf(CreateOutcome.AlreadyExists.class);
        assertThat(stores.credits().toolPool(passId)).isEqualTo(HALF);
        assertThat(stores.credits().find(CreditTxId.toolPool(id))).isPresent();
        assertInvariants(passId);
    }

    @Test
    void withNoMatchaAndTooLittleInThePoolNothingIsWritten() {
        PassId passId = customerWith(1);
        stores.queue().create(toolRun(newId(), passId, HALF, T0));
        stores.queue().create(toolRun(newId(), passId, FIFTH, T0));
        GenerationId refused = newId();

        CreateOutcome outcome = stores.queue().create(toolRun(refused, passId, HALF, T0));

        assertThat(outcome).isInstanceOf(CreateOutcome.InsufficientMatcha.class);
        assertThat(stores.generations().find(refused)).isEmpty();
        assertThat(stores.credits().toolPool(passId)).isEqualTo(UNIT - HALF - FIFTH);
        assertThat(stores.queue().create(toolRun(newId(), passId, TENTH, T0)))
                .as("what the pool still holds is enough for a tenth")
                .isInstanceOf(CreateOutcome.Created.class);
        assertInvariants(passId);
    }

    @Test
    void expiredCreditsCannotDrawThePoolEvenWhenItHoldsTheShare() {
        PassId passId = customerWith(0 + 1);
        stores.credits()
                .post(new CreditEntry(
                        CreditTxId.grant(UUID.randomUUID().toString()),
                        passId,
                        1,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        T0.plus(Duration.ofDays(1)),
                        T0,
                        Json.obj()));
        stores.queue().create(toolRun(newId(), passId, TENTH, T0));
        GenerationId late = newId();

        CreateOutcome outcome = stores.queue().create(toolRun(late, passId, TENTH, T0.plus(Duration.ofDays(2))));

        assertThat(outcome).isInstanceOf(CreateOutcome.Expired.class);
        assertThat(stores.generations().find(late)).isEmpty();
        assertThat(stores.credits().toolPool(passId)).isEqualTo(UNIT - TENTH);
        assertInvariants(passId);
    }

    @Test
    void aFailedToolRunGivesItsShareBackOnceEvenWhenFailedTwiceAtOnce() throws Exception {
        PassId passId = customerWith(1);
        GenerationId id = newId();
        stores.queue().create(toolRun(id, passId, HALF, T0));

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Optional<CreditOutcome>>> fails = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                fails.add(threads.submit(() -> {
                    go.await();
                    return stores.queue().fail(id, null, null, "The eraser did not answer", doc(Json.obj()), null, T0);
                }));
            }
            go.countDown();
            long applied = 0;
            for (Future<Optional<CreditOutcome>> f : fails) {
                applied += f.get().isPresent() ? 1 : 0;
            }
            assertThat(applied).isEqualTo(1);
        } finally {
            threads.shutdownNow();
        }

        assertThat(stores.credits().toolPool(passId))
                .as("the half is back in the pool")
                .isEqualTo(UNIT);
        assertThat(balance(passId))
                .as("the matcha stays in the pool, not the balance")
                .isZero();
        assertInvariants(passIdAllowingFullPool(passId));
    }

    /** After a refund the pool may hold a whole matcha (nothing was drawn from the one moved in). */
    private PassId passIdAllowingFullPool(PassId passId) {
        assertThat(balance(passId)).isEqualTo(ledgerSum(passId));
        assertThat(stores.credits().poolDrifts()).noneMatch(d -> d.passId().equals(passId));
        return customerWith(0 + 1);
    }

    @Test
    void sixtyFourConcurrentToolRunsNeverOverdrawThePoolOrTheBalance() throws Exception {
        PassId passId = customerWith(10);
        long[] shares = {HALF, FIFTH, TENTH, HALF};
        ExecutorService threads = Executors.newFixedThreadPool(16);
        List<Long> asked = new ArrayList<>();
        List<Future<CreateOutcome>> results = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            for (int i = 0; i < 64; i++) {
                long share = shares[i % shares.length];
                asked.add(share);
                results.add(threads.submit(() -> {
                    go.await();
                    return stores.queue().create(toolRun(newId(), passId, share, T0));
                }));
            }
            go.countDown();
            long drawn = 0;
            long refused = 0;
            for (int i = 0; i < results.size(); i++) {
                CreateOutcome outcome = results.get(i).get();
                if (outcome instanceof CreateOutcome.Created) {
                    drawn += asked.get(i);
                } else {
                    assertThat(outcome).isInstanceOf(CreateOutcome.InsufficientMatcha.class);
                    refused++;
                }
            }
            // 64 runs ask for 16 × (½ + ⅕ + 1/10 + ½) = 20.8 matcha; 10 are there.
            assertThat(refused).isPositive();
            assertThat(balance(passId)).isZero();
            assertThat(movedIntoPool(passId)).isEqualTo(10);
            assertThat(stores.credits().toolPool(passId)).isEqualTo(10 * UNIT - drawn);
            assertThat(stores.credits().toolPool(passId))
                    .as("a refused run really did not fit")
                    .isLessThan(HALF);
        } finally {
            threads.shutdownNow();
        }
        assertInvariants(passId);
    }
}
