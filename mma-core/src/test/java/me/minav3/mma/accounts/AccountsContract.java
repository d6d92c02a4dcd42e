package me.minav3.mma.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.common.TimeOrderedIds;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationQuery;
import me.minav3.mma.generation.NewGeneration;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.generation.StepUpdate;
import me.minav3.mma.studio.Identity;
import me.minav3.mma.studio.ResolvePassId;
import me.minav3.mma.studio.SessionInfo;
import me.minav3.mma.testing.InMemoryAssetStore;
import me.minav3.mma.testing.MegaContract;
import me.minav3.mma.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** What an {@link Accounts} adapter must do, with the use cases over it (export, disable, delete). */
public abstract class AccountsContract extends MegaContract {

    private static final String BRIEF = "a portrait of Jane Roe at 12 Secret Lane";
    private static final Duration LEASE = Duration.ofSeconds(60);

    protected abstract Accounts accounts();

    private final MutableClock clock = new MutableClock(T0.plusSeconds(3600));
    private final InMemoryAssetStore store = new InMemoryAssetStore();

    private DisableAccount disable() {
        return new DisableAccount(accounts(), stores.queue(), stores.audit(), clock, new TimeOrderedIds(clock));
    }

    private DeleteAccount delete() {
        return new DeleteAccount(stores.customers(), accounts(), disable(), store, clock);
    }

    /** A signed-in customer with an email, a user id and matcha. */
    private PassId signedIn(String email, long matcha) {
        String userId = "u" + UUID.randomUUID().toString().substring(0, 12);
        PassId passId = new ResolvePassId(stores.customers())
                .resolve(new Identity(userId, email, null, false, true), T0)
                .passId();
        stores.credits()
                .post(new CreditEntry(
                        me.minav3.mma.credits.CreditTxId.grant(UUID.randomUUID().toString()),
                        passId,
                        matcha,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        "for " + email,
                        null,
                        T0,
                        Json.obj()));
        return passId;
    }

    private GenerationId queued(PassId passId, long cost) {
        GenerationId id = newId();
        var outcome = stores.queue()
                .create(new NewGeneration(
                        id,
                        passId,
                        null,
                        null,
                        MmaMode.STILL,
                        doc(Json.obj("inputs", Json.obj("brief", BRIEF))),
                        Json.obj("cost", cost),
                        Matcha.of(cost),
                        T0,
                        new MmaEvent(
                                UUID.randomUUID().toString(), passId, EventType.CREATE, id, BRIEF, Json.obj(), T0)));
        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        return id;
    }

    private GenerationId finished(PassId passId) {
        GenerationId id = queued(passId, 1);
        var job = stores.queue().claim(id, "w1", T0, LEASE).orElseThrow();
        StepRecord step = step(
                id,
                1,
                "gpt_reader",
                Json.obj("brief", BRIEF),
                Json.obj("prompt", BRIEF, "cost", Json.obj("usd", 0.01)),
                T0);
        assertThat(stores.queue()
                        .recordStep(step, "w1", new StepUpdate(MmaStatus.DONE, job.document(), stillAt(id)), T0))
                .isTrue();
        stores.events()
                .record(new MmaEvent(
                        UUID.randomUUID().toString(),
                        passId,
                        EventType.FEEDBACK,
                        id,
                        "Jane wants it warmer",
                        Json.obj(),
                        T0));
        return id;
    }

    /** A step that took 5 ms and did not fail. */
    private static StepRecord step(
            GenerationId id,
            int number,
            String type,
            Map<String, Object> input,
            Map<String, Object> output,
            Instant at) {
        return new StepRecord(
                id,
                number,
                type,
                Json.obj("input", input, "output", output, "timing", Json.obj("duration_ms", 5), "error", null),
                at);
    }

    /** The finished still of {@code id}, stored locally. */
    private static StepUpdate.Completion stillAt(GenerationId id) {
        return new StepUpdate.Completion(
                "https://assets.example.test/store/mma/still/" + id.value() + ".png",
                "mma/still/" + id.value() + ".png",
                BRIEF,
                "local",
                "m",
                5L);
    }

    private long balance(PassId passId) {
        return stores.customers().find(passId).orElseThrow().credits();
    }

    private long ledgerSum(PassId passId) {
        return stores.credits().history(passId, 1000).stream()
                .mapToLong(CreditTransaction::delta)
                .sum();
    }

    @Test
    void theTimelineHoldsSessionsGenerationsEventsWithAndWithoutAGenerationAndCreditsNewestFirstPageByPage() {
        PassId passId = signedIn("timeline-" + UUID.randomUUID() + "@example.com", 10);
        GenerationId done = finished(passId);
        stores.sessions().open(new SessionInfo("session:" + UUID.randomUUID(), passId, T0.plusSeconds(5)));
        stores.events()
                .record(new MmaEvent(
                        UUID.randomUUID().toString(),
                        passId,
                        EventType.PREFERENCE_SET,
                        null,
                        null,
                        Json.obj("hard_blocks", List.of("plastic")),
                        T0.plusSeconds(10)));

        List<TimelineEntry> all = accounts().timeline(passId, null, 100);

        assertThat(all)
                .extracting(TimelineEntry::kind)
                .contains(
                        TimelineEntry.Kind.SESSION,
                        TimelineEntry.Kind.GENERATION,
                        TimelineEntry.Kind.EVENT,
                        TimelineEntry.Kind.CREDIT);
        assertThat(all).noneMatch(e -> e.id().startsWith("mma_step:"));
        assertThat(all.get(0).kind()).isEqualTo(TimelineEntry.Kind.EVENT);
        assertThat(all.get(0).generationId())
                .as("an event without a generation")
                .isNull();
        assertThat(all).extracting(TimelineEntry::at).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(all)
                .filteredOn(e -> e.kind() == TimelineEntry.Kind.GENERATION)
                .singleElement()
                .satisfies(g -> {
                    assertThat(g.generationId()).isEqualTo(done.mgId());
                    assertThat(g.detail()).containsEntry("status", "done");
                });
        assertThat(all)
                .filteredOn(e -> e.kind() == TimelineEntry.Kind.CREDIT)
                .anySatisfy(
                        c -> assertThat(c.detail()).containsEntry("delta", 10L).containsEntry("reason", "grant"));

        List<TimelineEntry> first = accounts().timeline(passId, null, 2);
        List<TimelineEntry> rest = accounts().timeline(passId, first.get(1).cursor(), 100);
        assertThat(first).hasSize(2);
        assertThat(rest).hasSize(all.size() - 2);
        assertThat(rest.get(0).id()).isEqualTo(all.get(2).id());
        assertThat(accounts().timeline(PassId.user("nobody-" + UUID.randomUUID()), null, 10))
                .isEmpty();
    }

    @Test
    void rowsHoldTheCustomerAndEveryRowAboutThem() {
        PassId passId = signedIn("rows-" + UUID.randomUUID() + "@example.com", 10);
        GenerationId done = finished(passId);
        stores.sessions().open(new SessionInfo("session:" + UUID.randomUUID(), passId, T0));

        var rows = accounts().rows(passId).orElseThrow();

        assertThat(rows.customer()).containsEntry("mg_pass_id", passId.value());
        assertThat(rows.rows())
                .extracting(r -> r.get("mg_record_type"))
                .contains("generation", "mma_step", "mma_event", "credit_transaction", "session");
        assertThat(rows.rows()).allSatisfy(r -> assertThat(r).containsEntry("mg_pass_id", passId.value()));
        assertThat(rows.rows().toString()).contains(BRIEF, done.value());
        assertThat(accounts().rows(PassId.user("nobody-" + UUID.randomUUID()))).isEmpty();
    }

    @Test
    void eraseLeavesNoPersonalDataAndKeepsTheLedger() {
        String email = "erase-" + UUID.randomUUID() + "@example.com";
        PassId passId = signedIn(email, 10);
        GenerationId done = finished(passId);
        long before = balance(passId);
        String userId = stores.customers().find(passId).orElseThrow().userId();
        // A login mail that could not be delivered is audited by address, without a pass id.
        stores.audit()
                .record(new AuditEntry(
                        "admin_audit:" + UUID.randomUUID(),
                        "system",
                        "mail.login_code",
                        "internal",
                        "SYSTEM",
                        502,
                        Json.obj("email", email, "attempts", 3),
                        T0));
        stores.audit()
                .record(new AuditEntry(
                        "admin_audit:" + UUID.randomUUID(),
                        "system",
                        "shopify.tag",
                        "internal",
                        "SYSTEM",
                        200,
                        Json.obj("pass_id", passId.value(), "customer_id", 4242L, "order_id", 7L),
                        T0));

        assertThat(accounts().erase(passId, clock.now())).isTrue();
        assertThat(accounts().erase(passId, clock.now())).isTrue();

        var customer = stores.customers().find(passId).orElseThrow();
        assertThat(customer.deleted()).isTrue();
        assertThat(customer.disabled()).isTrue();
        assertThat(customer.email()).isNull();
        assertThat(customer.userId()).isNull();
        // The pass id stays as the ledger's key (decision 022); the login's user id is nowhere else.
        String everything = accounts().rows(passId).orElseThrow().toString().replace(passId.value(), "<pass id>");
        assertThat(everything).doesNotContain(email, userId, BRIEF, "Jane", "for " + email, "mma/still/");
        assertThat(balance(passId)).isEqualTo(before).isEqualTo(ledgerSum(passId));
        assertThat(stores.audit().recent(1000).toString())
                .doesNotContain(email, "4242")
                .contains("mail.login_code", "shopify.tag");
        assertThat(stores.credits().drifts()).noneMatch(d -> d.passId().equals(passId));
        assertThat(stores.generations().find(done)).isEmpty();
        assertThat(stores.generations().search(GenerationQuery.of(passId, 50))).isEmpty();
        assertThat(accounts().generationIds(passId)).containsExactly(done);
        assertThat(accounts().erase(PassId.user("nobody-" + UUID.randomUUID()), clock.now()))
                .isFalse();
    }

    /**
     * A worker still running a generation when its account is deleted writes nothing back afterwards: deleting ends
     * every unfinished generation first (status error, lease cleared, refunded once), so the worker's late progress,
     * step, completion and failure match no row, and the erased document stays erased.
     */
    @Test
    void aRunningGenerationsLateWritesChangeNothingOnceItsAccountIsDeleted() {
        PassId passId = signedIn("late-" + UUID.randomUUID() + "@example.com", 10);
        GenerationId id = queued(passId, 3);
        assertThat(stores.queue().claim(id, "w1", T0, LEASE)).isPresent();
        assertThat(balance(passId)).isEqualTo(7);

        delete().delete(passId, Actor.SYSTEM);
        String erased = accounts().rows(passId).orElseThrow().toString();

        GenerationDocument remembered = doc(Json.obj("inputs", Json.obj("brief", BRIEF), "prompt", BRIEF));
        Instant late = T0.plusSeconds(5);
        assertThat(stores.queue().renewLease(id, "w1", late.plus(LEASE))).isFalse();
        assertThat(stores.queue().progress(id, "w1", MmaStatus.GENERATING, remembered, late))
                .isFalse();
        StepRecord step = step(
                id,
                2,
                "seedream_generate",
                Json.obj("prompt", BRIEF),
                Json.obj("url", "mma/still/" + id.value() + ".png"),
                late);
        assertThat(stores.queue().recordStep(step, "w1", new StepUpdate(MmaStatus.DONE, remembered, stillAt(id)), late))
                .isFalse();
        assertThat(stores.queue()
                        .fail(
                                id,
                                "w1",
                                step,
                                "Jane's provider failed",
                                remembered,
                                CreditEntry.refund(passId, id, Matcha.of(3), "provider down", late),
                                late))
                .isEmpty();

        assertThat(accounts().rows(passId).orElseThrow().toString())
                .isEqualTo(erased)
                .doesNotContain(BRIEF, "Jane", "mma/still/");
        assertThat(balance(passId)).isEqualTo(10).isEqualTo(ledgerSum(passId));
        assertThat(stores.credits().history(passId, 100))
                .filteredOn(t -> t.reason() == CreditReason.REFUND)
                .hasSize(1);
    }

    @Test
    void aDeletedAccountLearnsNothingAgainAndTheSameLoginStartsANewEmptyAccount() {
        String email = "again-" + UUID.randomUUID() + "@example.com";
        String userId = "u" + UUID.randomUUID().toString().substring(0, 12);
        Identity login = new Identity(userId, email, null, false, true);
        ResolvePassId resolve = new ResolvePassId(stores.customers());
        PassId first = resolve.resolve(login, T0).passId();
        queued(first, 0);
        delete().delete(first, Actor.SYSTEM);

        var again = resolve.resolve(login, T0.plusSeconds(10));
        var sameAgain = resolve.resolve(login, T0.plusSeconds(20));

        assertThat(again.passId()).isNotEqualTo(first).isEqualTo(sameAgain.passId());
        assertThat(again.deleted()).isFalse();
        assertThat(again.credits()).isZero();
        assertThat(again.email()).isEqualTo(email);
        assertThat(stores.generations().search(GenerationQuery.of(again.passId(), 50)))
                .isEmpty();
        assertThat(stores.customers().find(first).orElseThrow().email()).isNull();
        assertThat(stores.customers().find(first).orElseThrow().userId()).isNull();
    }

    @Test
    void disablingRefundsUnfinishedGenerationsOnceUnderConcurrency() throws Exception {
        PassId passId = signedIn("disable-" + UUID.randomUUID() + "@example.com", 20);
        List<GenerationId> jobs = List.of(queued(passId, 3), queued(passId, 2), queued(passId, 1));
        assertThat(stores.queue().claim(jobs.get(0), "w1", T0, LEASE)).isPresent();
        assertThat(balance(passId)).isEqualTo(14);

        List<Callable<Object>> racers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            racers.add(() -> disable().disable(passId, Actor.SYSTEM));
        }
        // A worker failing its own job at the same moment uses the same refund id.
        racers.add(() -> stores.queue()
                .fail(
                        jobs.get(0),
                        "w1",
                        null,
                        "provider down",
                        doc(Json.obj()),
                        CreditEntry.refund(passId, jobs.get(0), Matcha.of(3), "provider down", T0),
                        T0));
        runTogether(racers);

        assertThat(balance(passId)).isEqualTo(20).isEqualTo(ledgerSum(passId));
        assertThat(stores.credits().history(passId, 100))
                .filteredOn(t -> t.reason() == CreditReason.REFUND)
                .extracting(t -> t.id().value())
                .containsExactlyInAnyOrder(jobs.stream()
                        .map(j -> "credit_transaction:refund:" + j.value())
                        .toArray(String[]::new));
        assertThat(accounts().unfinished(passId)).isEmpty();
        assertThat(stores.customers().find(passId).orElseThrow().disabled()).isTrue();
        assertThat(disable().disable(passId, Actor.SYSTEM).refunded()).isZero();
    }

    @Test
    void noGenerationCreatedWhileTheAccountIsDisabledEscapesItsRefund() throws Exception {
        PassId passId = signedIn("race-" + UUID.randomUUID() + "@example.com", 40);
        List<Callable<Object>> racers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            racers.add(() -> {
                try {
                    return queued(passId, 1);
                } catch (AccessDenied refused) {
                    return refused;
                }
            });
        }
        racers.add(() -> disable().disable(passId, Actor.SYSTEM));
        runTogether(racers);

        // Whatever got in before the disable was refunded; whatever came after was refused; nothing is left queued.
        assertThat(accounts().unfinished(passId)).isEmpty();
        assertThat(balance(passId)).isEqualTo(40).isEqualTo(ledgerSum(passId));
    }

    @Test
    void aDisabledAccountsToolRunGivesItsShareBackToThePoolAndSaysSo() {
        PassId passId = signedIn("tool-" + UUID.randomUUID() + "@example.com", 3);
        GenerationId still = queued(passId, 1);
        GenerationId run = newId();
        assertThat(stores.queue()
                        .create(new NewGeneration(
                                run,
                                passId,
                                null,
                                null,
                                MmaMode.STILL,
                                doc(Json.obj("kind", "edit", "inputs", Json.obj("tool", "eraser"))),
                                Json.obj(),
                                Matcha.ZERO,
                                T0,
                                null,
                                NewGeneration.POOL_UNITS_PER_MATCHA / 2)))
                .isInstanceOf(CreateOutcome.Created.class);
        assertThat(balance(passId)).isEqualTo(1); // one for the still, one moved into the pool
        assertThat(stores.credits().toolPool(passId)).isEqualTo(NewGeneration.POOL_UNITS_PER_MATCHA / 2);

        assertThat(disable().disable(passId, Actor.SYSTEM).refunded()).isEqualTo(2);

        assertThat(stores.generations().find(run).orElseThrow().error())
                .isEqualTo("This account was disabled. Its share of matcha went back to your tool pool.");
        assertThat(stores.generations().find(still).orElseThrow().error())
                .isEqualTo("This account was disabled. Your matcha was refunded.");
        assertThat(stores.credits().toolPool(passId)).isEqualTo(NewGeneration.POOL_UNITS_PER_MATCHA);
        assertThat(balance(passId)).isEqualTo(2).isEqualTo(ledgerSum(passId));
    }

    @Test
    void aDisabledAccountSpendsNothingButIsStillCredited() {
        PassId passId = signedIn("spend-" + UUID.randomUUID() + "@example.com", 5);
        disable().disable(passId, Actor.SYSTEM);

        assertThatThrownBy(() -> queued(passId, 1)).isInstanceOf(AccessDenied.class);
        stores.credits()
                .post(new CreditEntry(
                        me.minav3.mma.credits.CreditTxId.shopify(
                                Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L) + 1, 1),
                        passId,
                        50,
                        CreditReason.PURCHASE,
                        "shopify",
                        "shopify_order",
                        "1",
                        null,
                        null,
                        T0,
                        Json.obj()));
        assertThat(balance(passId)).isEqualTo(55);

        disable().enable(passId, Actor.SYSTEM);
        assertThat(stores.customers().find(passId).orElseThrow().disabled()).isFalse();
        queued(passId, 1);
        assertThat(balance(passId)).isEqualTo(54);
    }

    @Test
    void settingDisabledNeedsACustomer() {
        assertThat(accounts().setDisabled(PassId.user("nobody-" + UUID.randomUUID()), true, T0))
                .isFalse();
        assertThat(accounts().unfinished(PassId.user("nobody-" + UUID.randomUUID())))
                .isEmpty();
        Optional<?> none = accounts().rows(PassId.user("nobody-" + UUID.randomUUID()));
        assertThat(none).isEmpty();
        assertThat(stores.customers()
                        .ensure(
                                PassId.user("x" + UUID.randomUUID().toString().substring(0, 8)),
                                CustomerProfile.NONE,
                                T0)
                        .deleted())
                .isFalse();
    }

    private static void runTogether(List<Callable<Object>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Object>> futures = new ArrayList<>();
            for (Callable<Object> task : tasks) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            for (Future<Object> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
