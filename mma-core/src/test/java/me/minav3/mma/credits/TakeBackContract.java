package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/**
 * Taking back refunded purchases (decision 029): once per id, never below zero, never more than the purchase bought,
 * and what could not be taken back is recorded. Runs against the in-memory fake and the PostgreSQL adapter.
 */
public abstract class TakeBackContract extends MegaContract {

    private static final AtomicLong IDS =
            new AtomicLong(ThreadLocalRandom.current().nextLong(1, 1L << 40));

    private static long nextId() {
        return IDS.incrementAndGet();
    }

    private static PassId newPassId() {
        return PassId.user("tb-" + UUID.randomUUID().toString().substring(0, 13));
    }

    /** A Shopify pack line credited as {@code ApplyShopifyOrder} does: {@code amount} for {@code quantity} packs. */
    private CreditTxId purchase(PassId passId, long amount, int quantity, Instant expiry) {
        long order = nextId();
        CreditTxId id = CreditTxId.shopify(order, nextId());
        CreditOutcome outcome = stores.credits()
                .post(new CreditEntry(
                        id,
                        passId,
                        amount,
                        CreditReason.PURCHASE,
                        "shopify",
                        "shopify_order",
                        Long.toString(order),
                        null,
                        expiry,
                        T0,
                        Json.obj("quantity", quantity)));
        assertThat(outcome).isInstanceOf(CreditOutcome.Applied.class);
        return id;
    }

    private CreditTxId purchase(PassId passId, long amount) {
        return purchase(passId, amount, 1, T0.plus(Duration.ofDays(30)));
    }

    private void spend(PassId passId, long amount) {
        GenerationId generation = new GenerationId(UUID.randomUUID().toString());
        assertThat(stores.credits()
                        .post(CreditEntry.charge(passId, generation, me.minav3.mma.common.Matcha.of(amount), T0)))
                .isInstanceOf(CreditOutcome.Applied.class);
    }

    private static TakeBack takeBack(CreditTxId id, PassId passId, CreditTxId purchase, long requested, Instant at) {
        return new TakeBack(
                id, passId, purchase, requested, "shopify", "shopify_refund", "1", at, Json.obj("sku", "MINA-50"));
    }

    private static CreditTxId newTakeBackId() {
        return CreditTxId.shopifyRefund(nextId(), nextId());
    }

    private long balance(PassId passId) {
        return stores.customers().find(passId).orElseThrow().credits();
    }

    private long ledgerSum(PassId passId) {
        return stores.credits().history(passId, 100_000).stream()
                .mapToLong(CreditTransaction::delta)
                .sum();
    }

    @Test
    void aPartlySpentBalanceGivesBackWhatIsLeftAndRecordsTheRestAsNotTakenBack() {
        PassId ada = newPassId();
        CreditTxId bought = purchase(ada, 50);
        spend(ada, 45);
        CreditTxId id = newTakeBackId();

        TakeBackOutcome outcome = stores.credits().takeBack(takeBack(id, ada, bought, 50, T0.plusSeconds(60)));

        assertThat(outcome.newlyApplied()).isTrue();
        assertThat(outcome.balance()).isZero();
        assertThat(outcome.record().owed()).isEqualTo(50);
        assertThat(outcome.record().taken()).isEqualTo(5);
        assertThat(outcome.record().notTakenBack()).isEqualTo(45);
        assertThat(outcome.record().status()).isEqualTo(TakeBackRecord.Status.PARTLY_TAKEN_BACK);
        assertThat(balance(ada)).isZero().isEqualTo(ledgerSum(ada));
        assertThat(stores.credits().find(id)).get().satisfies(row -> {
            assertThat(row.delta()).isEqualTo(-5);
            assertThat(row.reason()).isEqualTo(CreditReason.SHOPIFY_REFUND);
            assertThat(row.meta()).containsEntry("purchase_id", bought.value());
        });
        assertThat(stores.credits().takeBacks(ada, 10)).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.purchase()).isEqualTo(bought);
            assertThat(r.owed()).isEqualTo(50);
            assertThat(r.taken()).isEqualTo(5);
            assertThat(r.detail()).containsEntry("sku", "MINA-50");
        });
    }

    @Test
    void aReplayChangesNothingEvenAfterTheCustomerBoughtMore() {
        PassId bea = newPassId();
        CreditTxId bought = purchase(bea, 50);
        spend(bea, 45);
        CreditTxId id = newTakeBackId();
        stores.credits().takeBack(takeBack(id, bea, bought, 50, T0.plusSeconds(60)));
        purchase(bea, 100);

        TakeBackOutcome replay = stores.credits().takeBack(takeBack(id, bea, bought, 50, T0.plusSeconds(120)));

        assertThat(replay.newlyApplied()).isFalse();
        assertThat(replay.record().taken()).isEqualTo(5);
        assertThat(replay.record().notTakenBack()).isEqualTo(45);
        assertThat(replay.balance()).isEqualTo(100);
        assertThat(balance(bea)).isEqualTo(100).isEqualTo(ledgerSum(bea));
        assertThat(stores.credits().takeBacks(bea, 10)).hasSize(1);
    }

    @Test
    void anEmptyBalanceTakesNothingWritesNoLedgerRowAndRecordsAllAsNotTakenBack() {
        PassId cy = newPassId();
        CreditTxId bought = purchase(cy, 30);
        spend(cy, 30);
        CreditTxId id = newTakeBackId();

        TakeBackOutcome outcome = stores.credits().takeBack(takeBack(id, cy, bought, 30, T0.plusSeconds(60)));

        assertThat(outcome.record().taken()).isZero();
        assertThat(outcome.record().notTakenBack()).isEqualTo(30);
        assertThat(outcome.record().status()).isEqualTo(TakeBackRecord.Status.NOT_TAKEN_BACK);
        assertThat(stores.credits().find(id)).isEmpty();
        assertThat(balance(cy)).isZero().isEqualTo(ledgerSum(cy));
        assertThat(stores.credits().takeBacks(cy, 10))
                .singleElement()
                .satisfies(r -> assertThat(r.notTakenBack()).isEqualTo(30));
    }

    @Test
    void aFullBalanceGivesBackAllThatWasOwed() {
        PassId dee = newPassId();
        CreditTxId bought = purchase(dee, 200, 4, T0.plus(Duration.ofDays(30)));
        purchase(dee, 50);

        TakeBackOutcome outcome = stores.credits().takeBack(takeBack(newTakeBackId(), dee, bought, 100, T0));

        assertThat(outcome.record().status()).isEqualTo(TakeBackRecord.Status.TAKEN_BACK);
        assertThat(outcome.balance()).isEqualTo(150);
        assertThat(balance(dee)).isEqualTo(150).isEqualTo(ledgerSum(dee));
    }

    @Test
    void takeBacksOfOnePurchaseNeverOweMoreThanItBought() {
        PassId eve = newPassId();
        CreditTxId bought = purchase(eve, 100, 2, T0.plus(Duration.ofDays(30)));
        purchase(eve, 500);

        TakeBackOutcome first = stores.credits().takeBack(takeBack(newTakeBackId(), eve, bought, 60, T0));
        TakeBackOutcome second =
                stores.credits().takeBack(takeBack(newTakeBackId(), eve, bought, 60, T0.plusSeconds(1)));
        TakeBackOutcome third =
                stores.credits().takeBack(takeBack(newTakeBackId(), eve, bought, 60, T0.plusSeconds(2)));

        assertThat(first.record().owed()).isEqualTo(60);
        assertThat(second.record().owed()).isEqualTo(40);
        assertThat(third.record().owed()).isZero();
        assertThat(third.record().status()).isEqualTo(TakeBackRecord.Status.NOTHING_OWED);
        assertThat(balance(eve)).isEqualTo(500).isEqualTo(ledgerSum(eve));
    }

    @Test
    void aPurchaseOfAnotherCustomerOwesNothing() {
        PassId fay = newPassId();
        PassId gus = newPassId();
        CreditTxId gusBought = purchase(gus, 50);
        purchase(fay, 50);

        TakeBackOutcome outcome = stores.credits().takeBack(takeBack(newTakeBackId(), fay, gusBought, 50, T0));

        assertThat(outcome.record().owed()).isZero();
        assertThat(balance(fay)).isEqualTo(50);
        assertThat(balance(gus)).isEqualTo(50);
    }

    @Test
    void matchaPastTheirExpiryAreNotTakenBack() {
        PassId hal = newPassId();
        CreditTxId bought = purchase(hal, 40, 1, T0.plus(Duration.ofDays(30)));

        TakeBackOutcome outcome =
                stores.credits().takeBack(takeBack(newTakeBackId(), hal, bought, 40, T0.plus(Duration.ofDays(31))));

        assertThat(outcome.record().taken()).isZero();
        assertThat(outcome.record().notTakenBack()).isEqualTo(40);
        assertThat(balance(hal)).isEqualTo(40).isEqualTo(ledgerSum(hal));
    }

    @Test
    void findsACreditRowByItsId() {
        PassId ivy = newPassId();
        CreditTxId bought = purchase(ivy, 20);

        assertThat(stores.credits().find(bought)).get().satisfies(row -> {
            assertThat(row.passId()).isEqualTo(ivy);
            assertThat(row.delta()).isEqualTo(20);
            assertThat(row.refType()).isEqualTo("shopify_order");
            assertThat(row.meta()).containsEntry("quantity", 1);
        });
        assertThat(stores.credits().find(CreditTxId.shopify(nextId(), nextId())))
                .isEmpty();
    }

    @Test
    void recordsAreListedNewestFirstForOneCustomerOrForAll() {
        PassId jo = newPassId();
        PassId kim = newPassId();
        CreditTxId joBought = purchase(jo, 100, 2, T0.plus(Duration.ofDays(30)));
        CreditTxId kimBought = purchase(kim, 10);
        CreditTxId older = newTakeBackId();
        CreditTxId newer = newTakeBackId();
        stores.credits().takeBack(takeBack(older, jo, joBought, 50, T0.plusSeconds(10)));
        stores.credits().takeBack(takeBack(newer, jo, joBought, 50, T0.plusSeconds(20)));
        CreditTxId kims = newTakeBackId();
        stores.credits().takeBack(takeBack(kims, kim, kimBought, 10, T0.plusSeconds(15)));

        assertThat(stores.credits().takeBacks(jo, 10))
                .extracting(TakeBackRecord::id)
                .containsExactly(newer, older);
        assertThat(stores.credits().takeBacks(jo, 1))
                .extracting(TakeBackRecord::id)
                .containsExactly(newer);
        assertThat(stores.credits().takeBacks(null, 100_000))
                .extracting(TakeBackRecord::id)
                .containsSubsequence(newer, kims, older);
    }

    @Test
    void concurrentTakeBacksApplyOnceEachAndNeverTakeTheBalanceBelowZero() throws Exception {
        PassId lee = newPassId();
        List<CreditTxId> purchases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            purchases.add(purchase(lee, 50));
        }
        spend(lee, 120); // 80 left, 200 bought: the four refunds owe 200 and can take back only 80
        List<CreditTxId> ids = purchases.stream().map(p -> newTakeBackId()).toList();
        int threads = 32;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<TakeBackOutcome>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int k = t % ids.size();
            work.add(() -> {
                start.await();
                if (ThreadLocalRandom.current().nextBoolean()) {
                    // Spending races the take-backs too; a refused spend is fine.
                    stores.credits()
                            .post(CreditEntry.charge(
                                    lee,
                                    new GenerationId(UUID.randomUUID().toString()),
                                    me.minav3.mma.common.Matcha.of(1),
                                    T0));
                }
                return stores.credits().takeBack(takeBack(ids.get(k), lee, purchases.get(k), 50, T0.plusSeconds(5)));
            });
        }
        List<TakeBackOutcome> outcomes = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<TakeBackOutcome>> futures = new ArrayList<>();
            for (Callable<TakeBackOutcome> c : work) {
                futures.add(pool.submit(c));
            }
            start.countDown();
            for (Future<TakeBackOutcome> f : futures) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes.stream().filter(TakeBackOutcome::newlyApplied)).hasSize(ids.size());
        assertThat(outcomes).allSatisfy(o -> assertThat(o.balance()).isNotNegative());
        List<TakeBackRecord> records = stores.credits().takeBacks(lee, 100);
        assertThat(records).extracting(TakeBackRecord::id).containsExactlyInAnyOrderElementsOf(ids);
        for (TakeBackOutcome o : outcomes) {
            assertThat(records).contains(o.record());
        }
        long taken = records.stream().mapToLong(TakeBackRecord::taken).sum();
        long rowsTaken = ids.stream()
                .map(id -> stores.credits().find(id))
                .flatMap(java.util.Optional::stream)
                .mapToLong(row -> -row.delta())
                .sum();
        assertThat(rowsTaken).isEqualTo(taken);
        assertThat(records).allSatisfy(r -> assertThat(r.owed()).isEqualTo(50));
        assertThat(balance(lee)).isNotNegative().isEqualTo(ledgerSum(lee));
        assertThat(records.stream().mapToLong(TakeBackRecord::notTakenBack).sum() + taken)
                .isEqualTo(200);
    }
}
