package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/**
 * The credit rules every {@link Credits} must keep (ARCHITECTURE.md §2 invariants 1–2 and idempotency). Runs
 * against the in-memory fake and the PostgreSQL adapter.
 */
public abstract class CreditsContract extends MegaContract {

    /** Breaks invariant 1 on purpose: sets a balance without a ledger row. */
    protected abstract void corruptBalance(PassId passId, long credits);

    protected static PassId newPassId() {
        return PassId.user("t-" + UUID.randomUUID().toString().substring(0, 13));
    }

    private static CreditEntry grant(PassId passId, String key, long amount, Instant at, Instant expiry) {
        return new CreditEntry(
                CreditTxId.grant(key),
                passId,
                amount,
                CreditReason.GRANT,
                "test",
                null,
                null,
                "test grant",
                expiry,
                at,
                Json.obj());
    }

    private static CreditEntry debit(PassId passId, String generation, long cost, Instant at) {
        return new CreditEntry(
                CreditTxId.charge(new GenerationId(generation)),
                passId,
                -cost,
                CreditReason.GENERATION,
                "mma",
                "generation",
                "generation:" + generation,
                null,
                null,
                at,
                Json.obj());
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
    void grantCreatesTheCustomerAndAddsCredits() {
        PassId alice = newPassId();
        CreditOutcome outcome =
                stores.credits().post(grant(alice, UUID.randomUUID().toString(), 5, T0, T0.plus(Duration.ofDays(30))));

        assertThat(outcome).isInstanceOf(CreditOutcome.Applied.class);
        assertThat(outcome.balance()).isEqualTo(5);
        assertThat(balance(alice)).isEqualTo(5);
        assertThat(stores.customers().find(alice).orElseThrow().expiresAt()).isEqualTo(T0.plus(Duration.ofDays(30)));
        assertThat(stores.credits().history(alice, 10)).singleElement().satisfies(row -> {
            assertThat(row.delta()).isEqualTo(5);
            assertThat(row.reason()).isEqualTo(CreditReason.GRANT);
            assertThat(row.source()).isEqualTo("test");
            assertThat(row.note()).isEqualTo("test grant");
        });
    }

    @Test
    void theSameIdAppliedTwiceChangesNothingTheSecondTime() {
        PassId bob = newPassId();
        CreditEntry entry = grant(bob, "once-" + UUID.randomUUID(), 7, T0, null);

        assertThat(stores.credits().post(entry)).isInstanceOf(CreditOutcome.Applied.class);
        CreditOutcome again = stores.credits().post(entry);

        assertThat(again).isInstanceOf(CreditOutcome.AlreadyApplied.class);
        assertThat(again.balance()).isEqualTo(7);
        assertThat(balance(bob)).isEqualTo(7);
        assertThat(stores.credits().history(bob, 10)).hasSize(1);

        CreditEntry charge = debit(bob, "g" + UUID.randomUUID().toString().substring(0, 8), 2, T0);
        assertThat(stores.credits().post(charge)).isInstanceOf(CreditOutcome.Applied.class);
        assertThat(stores.credits().post(charge)).isInstanceOf(CreditOutcome.AlreadyApplied.class);
        assertThat(balance(bob)).isEqualTo(5);
    }

    @Test
    void aDebitLargerThanTheBalanceIsRefusedAndWritesNothing() {
        PassId carol = newPassId();
        stores.credits().post(grant(carol, UUID.randomUUID().toString(), 1, T0, null));

        CreditOutcome outcome = stores.credits()
                .post(debit(carol, "big" + UUID.randomUUID().toString().substring(0, 8), 2, T0));

        assertThat(outcome).isEqualTo(new CreditOutcome.InsufficientMatcha(1, 2));
        assertThat(balance(carol)).isEqualTo(1);
        assertThat(stores.credits().history(carol, 10)).hasSize(1);
    }

    @Test
    void aDebitOfAnUnknownCustomerIsInsufficientAndCreatesNothing() {
        PassId nobody = newPassId();

        assertThat(stores.credits()
                        .post(debit(nobody, "x" + UUID.randomUUID().toString().substring(0, 8), 1, T0)))
                .isEqualTo(new CreditOutcome.InsufficientMatcha(0, 1));
        assertThat(stores.customers().find(nobody)).isEmpty();
    }

    @Test
    void expiredCreditsCannotBeSpent() {
        PassId dan = newPassId();
        Instant expiry = T0.plus(Duration.ofDays(30));
        stores.credits().post(grant(dan, UUID.randomUUID().toString(), 3, T0, expiry));

        assertThat(stores.credits()
                        .post(debit(
                                dan, "a" + UUID.randomUUID().toString().substring(0, 8), 1, expiry.minusSeconds(1))))
                .isInstanceOf(CreditOutcome.Applied.class);
        CreditOutcome late = stores.credits()
                .post(debit(dan, "b" + UUID.randomUUID().toString().substring(0, 8), 1, expiry));

        assertThat(late).isEqualTo(new CreditOutcome.Expired(expiry, 2));
        assertThat(balance(dan)).isEqualTo(2);
    }

    @Test
    void anExpiryOnlyEverMovesLater() {
        PassId erin = newPassId();
        Instant later = T0.plus(Duration.ofDays(40));
        stores.credits().post(grant(erin, UUID.randomUUID().toString(), 1, T0, later));
        stores.credits().post(grant(erin, UUID.randomUUID().toString(), 1, T0, T0.plus(Duration.ofDays(30))));

        assertThat(stores.customers().find(erin).orElseThrow().expiresAt()).isEqualTo(later);
    }

    @Test
    void expiringZeroesTheBalanceWithItsOwnLedgerRowOnce() {
        PassId fay = newPassId();
        Instant expiry = T0.plus(Duration.ofDays(30));
        stores.credits().post(grant(fay, UUID.randomUUID().toString(), 4, T0, expiry));

        assertThat(stores.credits().expireIfDue(fay, expiry.minusSeconds(1))).isEmpty();
        assertThat(stores.credits().expiredWithBalance(expiry, 100_000)).contains(fay);
        assertThat(stores.credits().expireIfDue(fay, expiry)).get().isInstanceOf(CreditOutcome.Applied.class);
        assertThat(stores.credits().expireIfDue(fay, expiry.plusSeconds(5))).isEmpty();

        assertThat(balance(fay)).isZero();
        assertThat(ledgerSum(fay)).isZero();
        assertThat(stores.credits().history(fay, 1))
                .singleElement()
                .satisfies(row -> assertThat(row.reason()).isEqualTo(CreditReason.EXPIRED));
        assertThat(stores.credits().expiredWithBalance(expiry, 100_000)).doesNotContain(fay);
    }

    @Test
    void aRefundArrivingAfterTheExpiryIsExpiredAgainByARowOfItsOwn() {
        PassId hal = newPassId();
        Instant expiry = T0.plus(Duration.ofDays(30));
        GenerationId generation = newId();
        stores.credits().post(grant(hal, UUID.randomUUID().toString(), 4, T0, expiry));
        stores.credits().post(CreditEntry.charge(hal, generation, me.minav3.mma.common.Matcha.of(1), T0));
        assertThat(stores.credits().expireIfDue(hal, expiry)).get().isInstanceOf(CreditOutcome.Applied.class);

        stores.credits()
                .post(CreditEntry.refund(
                        hal, generation, me.minav3.mma.common.Matcha.of(1), "failed", expiry.plusSeconds(60)));
        assertThat(balance(hal)).isEqualTo(1);

        assertThat(stores.credits().expireIfDue(hal, expiry.plusSeconds(120)))
                .get()
                .isInstanceOf(CreditOutcome.Applied.class);
        assertThat(balance(hal)).isZero();
        assertThat(ledgerSum(hal)).isZero();
        assertThat(stores.credits().history(hal, 10))
                .filteredOn(row -> row.reason() == CreditReason.EXPIRED)
                .extracting(CreditTransaction::delta)
                .containsExactly(-1L, -3L);
    }

    @Test
    void reconciliationFindsADriftAndCorrectsTheLedgerWithoutEditingHistory() {
        PassId gus = newPassId();
        stores.credits().post(grant(gus, UUID.randomUUID().toString(), 10, T0, null));
        corruptBalance(gus, 13);

        List<BalanceDrift> drifts = stores.credits().drifts().stream()
                .filter(d -> d.passId().equals(gus))
                .toList();
        assertThat(drifts).singleElement().satisfies(d -> {
            assertThat(d.balance()).isEqualTo(13);
            assertThat(d.ledgerSum()).isEqualTo(10);
            assertThat(d.difference()).isEqualTo(3);
        });

        assertThat(stores.credits().correct(drifts.get(0), "test", T0)).isInstanceOf(CreditOutcome.Applied.class);
        assertThat(stores.credits().correct(drifts.get(0), "test", T0))
                .isInstanceOf(CreditOutcome.AlreadyApplied.class);

        assertThat(stores.credits().drifts()).noneMatch(d -> d.passId().equals(gus));
        assertThat(balance(gus)).isEqualTo(13);
        assertThat(ledgerSum(gus)).isEqualTo(13);
        assertThat(stores.credits().history(gus, 10))
                .hasSize(2)
                .anySatisfy(row -> assertThat(row.reason()).isEqualTo(CreditReason.RECONCILE));
    }

    @Test
    void historyIsNewestFirst() {
        PassId hal = newPassId();
        stores.credits().post(grant(hal, "h1-" + UUID.randomUUID(), 5, T0, null));
        stores.credits().post(debit(hal, "h2" + UUID.randomUUID().toString().substring(0, 8), 1, T0.plusSeconds(1)));
        stores.credits().post(grant(hal, "h3-" + UUID.randomUUID(), 2, T0.plusSeconds(2), null));

        assertThat(stores.credits().history(hal, 10))
                .extracting(CreditTransaction::delta)
                .containsExactly(2L, -1L, 5L);
        assertThat(stores.credits().history(hal, 2)).hasSize(2);
    }

    @Test
    void balanceNeverNegativeAndAlwaysEqualsItsLedgerSumUnderConcurrency() throws Exception {
        List<PassId> customers = List.of(newPassId(), newPassId(), newPassId(), newPassId());
        customers.forEach(p -> stores.customers().ensure(p, CustomerProfile.NONE, T0));
        int threads = 64;
        int operationsPerThread = 60;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, AtomicInteger> appliedById = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < operationsPerThread; i++) {
                        PassId passId = customers.get(random.nextInt(customers.size()));
                        // A small id space makes many threads apply the same movement at the same moment.
                        int n = random.nextInt(150);
                        CreditEntry entry = switch (random.nextInt(3)) {
                            case 0 -> grant(passId, run + "-g" + n + "-" + passId.localId(), 1 + n % 3, T0, null);
                            case 1 ->
                                debit(passId, run + "d" + n + passId.localId().substring(2, 8), 1 + n % 2, T0);
                            default ->
                                new CreditEntry(
                                        CreditTxId.refund(new GenerationId(
                                                run + "r" + n + passId.localId().substring(2, 8))),
                                        passId,
                                        1,
                                        CreditReason.REFUND,
                                        "mma",
                                        null,
                                        null,
                                        null,
                                        null,
                                        T0,
                                        Json.obj());
                        };
                        CreditOutcome outcome = stores.credits().post(entry);
                        assertThat(outcome.balance()).isNotNegative();
                        if (outcome instanceof CreditOutcome.Applied) {
                            appliedById
                                    .computeIfAbsent(entry.id().value(), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(appliedById.values())
                .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        int rowsWritten = 0;
        for (PassId passId : customers) {
            assertThat(balance(passId)).isNotNegative().isEqualTo(ledgerSum(passId));
            List<String> rowIds = stores.credits().history(passId, 100_000).stream()
                    .map(r -> r.id().value())
                    .toList();
            assertThat(rowIds).doesNotHaveDuplicates();
            assertThat(appliedById.keySet()).containsAll(rowIds);
            rowsWritten += rowIds.size();
        }
        // Every movement reported as applied wrote exactly one row, and nothing else wrote any.
        assertThat(rowsWritten).isEqualTo(appliedById.size());
        assertThat(stores.credits().drifts()).noneMatch(d -> customers.contains(d.passId()));
    }

    @Test
    void adminAdjustmentsUpAndDownUnderConcurrencyKeepTheBalanceAtItsLedgerSumAndNeverBelowZero() throws Exception {
        List<PassId> customers = List.of(newPassId(), newPassId());
        customers.forEach(p -> stores.customers().ensure(p, CustomerProfile.NONE, T0));
        AdjustCredits adjust =
                new AdjustCredits(stores.customers(), stores.credits(), stores.audit(), new ExpiryPolicy(), () -> T0);
        int threads = 32;
        int operationsPerThread = 40;
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, AtomicInteger> appliedByKey = new ConcurrentHashMap<>();
        Map<String, Long> deltaByKey = new ConcurrentHashMap<>();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < operationsPerThread; i++) {
                        PassId passId = customers.get(random.nextInt(customers.size()));
                        // A small key space: the same adjustment is sent by many threads at once (a double click).
                        int n = random.nextInt(120);
                        long delta = n % 2 == 0 ? 1 + n % 5 : -(1 + n % 7);
                        String key = run + "-" + n;
                        deltaByKey.put(passId.value() + "|" + key, delta);
                        try {
                            AdjustCredits.Result result = adjust.adjust(
                                    new AdjustCredits.Request(passId, delta, "contract", key),
                                    new Actor("pass:user:admin", "test", "TEST"));
                            assertThat(result.balance()).isNotNegative();
                            if (result.applied()) {
                                appliedByKey
                                        .computeIfAbsent(passId.value() + "|" + key, k -> new AtomicInteger())
                                        .incrementAndGet();
                            }
                        } catch (Conflict e) {
                            refused.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(appliedByKey.values())
                .allSatisfy(count -> assertThat(count.get()).isEqualTo(1));
        assertThat(refused.get()).as("some decreases found too little").isPositive();
        assertThat(appliedByKey.keySet().stream().map(deltaByKey::get))
                .as("some decreases applied")
                .anyMatch(d -> d < 0);
        for (PassId passId : customers) {
            assertThat(balance(passId)).isNotNegative().isEqualTo(ledgerSum(passId));
            assertThat(stores.credits().history(passId, 100_000))
                    .allSatisfy(row -> assertThat(row.reason()).isEqualTo(CreditReason.ADJUSTMENT))
                    .hasSize((int) appliedByKey.keySet().stream()
                            .filter(k -> k.startsWith(passId.value() + "|"))
                            .count());
        }
        assertThat(stores.credits().drifts()).noneMatch(d -> customers.contains(d.passId()));
    }
}
