package me.minav3.mma.generation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/**
 * The {@link GenerationQueue} (the row is the job) and its read side, {@link Generations}. Runs against the fake and
 * PostgreSQL.
 */
public abstract class GenerationQueueContract extends MegaContract {

    private static final Duration LEASE = Duration.ofSeconds(60);

    private static NewGeneration still(GenerationId id, PassId passId, long cost, Instant at) {
        return new NewGeneration(
                id,
                passId,
                null,
                null,
                MmaMode.STILL,
                doc(Json.obj("inputs", Json.obj("brief", "matcha latte"), "settings", Json.obj("style", "None"))),
                Json.obj(),
                Matcha.of(cost),
                at,
                new MmaEvent(
                        UUID.randomUUID().toString(), passId, EventType.CREATE, id, "matcha latte", Json.obj(), at));
    }

    private static StepRecord step(GenerationId id, int n, String type) {
        return new StepRecord(
                id,
                n,
                type,
                Json.obj(
                        "input",
                        Json.obj("n", n),
                        "output",
                        Json.obj("ok", true),
                        "timing",
                        Json.obj("started_at", T0.toString(), "ended_at", T0.toString(), "duration_ms", 0),
                        "error",
                        null),
                T0);
    }

    private long balance(PassId passId) {
        return stores.customers().find(passId).orElseThrow().credits();
    }

    /** Claims until it gets this generation (other tests' jobs may be queued too); leaves the others alone. */
    private Generation claim(GenerationId id, String worker, Instant now) {
        List<Generation> others = new ArrayList<>();
        try {
            for (int i = 0; i < 10_000; i++) {
                Optional<Generation> claimed = stores.queue().claimNext(worker, now, LEASE);
                if (claimed.isEmpty()) {
                    throw new AssertionError("could not claim " + id);
                }
                if (claimed.get().id().equals(id)) {
                    return claimed.get();
                }
                others.add(claimed.get());
            }
            throw new AssertionError("could not claim " + id);
        } finally {
            others.forEach(g -> stores.queue().releaseLease(g.id(), worker));
        }
    }

    @Test
    void creatingAGenerationQueuesItAndChargesItInOneStep() {
        PassId passId = customerWith(3);
        GenerationId id = newId();

        CreateOutcome outcome = stores.queue().create(still(id, passId, 1, T0));

        assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
        assertThat(((CreateOutcome.Created) outcome).balance()).isEqualTo(2);
        Generation stored = stores.generations().find(id).orElseThrow();
        assertThat(stored.status()).isEqualTo(MmaStatus.QUEUED);
        assertThat(stored.mode()).isEqualTo(MmaMode.STILL);
        assertThat(stored.section("inputs")).containsEntry("brief", "matcha latte");
        assertThat(stores.credits().history(passId, 10))
                .extracting(CreditTransaction::id)
                .contains(CreditTxId.charge(id));
        assertThat(stores.events().about(id)).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(EventType.CREATE);
            assertThat(e.text()).isEqualTo("matcha latte");
        });
    }

    @Test
    void whatACreateReturnsIsWhatAReadOfTheRowReturns() {
        PassId passId = customerWith(5);
        GenerationId parent = newId();
        stores.queue().create(still(parent, passId, 1, T0));
        NewGeneration plain = still(newId(), passId, 1, T0.plusMillis(1));
        // A session, a parent, a meta and a document with every kind of JSON value.
        NewGeneration full = new NewGeneration(
                newId(),
                passId,
                "session-1",
                parent,
                MmaMode.STILL,
                doc(Json.obj(
                        "inputs",
                        Json.obj("brief", "matcha \"latte\" — 抹茶", "feedback", null),
                        "settings",
                        Json.obj("style", "None", "aspect_ratio", "4:5"),
                        "history",
                        Json.obj("likes", List.of(1, 2.5, true, "x"), "empty", Json.obj()))),
                Json.obj("source", "contract", "count", 3, "ratio", 0.25, "flags", List.of(false)),
                Matcha.of(1),
                T0.plusMillis(2),
                null);
        NewGeneration free = new NewGeneration(
                newId(),
                passId,
                null,
                null,
                MmaMode.STILL,
                doc(Json.obj("inputs", Json.obj("brief", "free"))),
                Json.obj(),
                Matcha.of(0),
                T0.plusMillis(3),
                null);

        for (NewGeneration g : List.of(plain, full, free)) {
            CreateOutcome outcome = stores.queue().create(g);

            assertThat(outcome).isInstanceOf(CreateOutcome.Created.class);
            Generation created = ((CreateOutcome.Created) outcome).generation();
            assertThat(created).isEqualTo(stores.generations().find(g.id()).orElseThrow());
            assertThat(created.createdAt()).isEqualTo(g.at());
        }
    }

    @Test
    void withoutEnoughMatchaNothingIsWritten() {
        PassId passId = customerWith(1);
        GenerationId id = newId();

        assertThat(stores.queue().create(still(id, passId, 2, T0)))
                .isEqualTo(new CreateOutcome.InsufficientMatcha(1, 2));
        assertThat(stores.generations().find(id)).isEmpty();
        assertThat(stores.events().about(id)).isEmpty();
        assertThat(balance(passId)).isEqualTo(1);
    }

    @Test
    void expiredMatchaCannotPayForAGeneration() {
        PassId passId = PassId.user("g-" + UUID.randomUUID().toString().substring(0, 13));
        stores.credits()
                .post(new CreditEntry(
                        CreditTxId.grant(UUID.randomUUID().toString()),
                        passId,
                        5,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        T0.plusSeconds(10),
                        T0,
                        Json.obj()));

        CreateOutcome outcome = stores.queue().create(still(newId(), passId, 1, T0.plusSeconds(10)));

        assertThat(outcome).isEqualTo(new CreateOutcome.Expired(T0.plusSeconds(10)));
    }

    @Test
    void creatingTheSameIdTwiceChargesOnce() {
        PassId passId = customerWith(5);
        GenerationId id = newId();
        stores.queue().create(still(id, passId, 1, T0));

        CreateOutcome again = stores.queue().create(still(id, passId, 1, T0));

        assertThat(again).isInstanceOf(CreateOutcome.AlreadyExists.class);
        assertThat(balance(passId)).isEqualTo(4);
        assertThat(stores.events().about(id)).hasSize(1);
    }

    @Test
    void aRefusedCreateForAPassWithoutARowLeavesNoRowBehind() {
        PassId passId = PassId.user("g-" + UUID.randomUUID().toString().substring(0, 13));
        GenerationId id = newId();

        assertThat(stores.queue().create(still(id, passId, 1, T0)))
                .isEqualTo(new CreateOutcome.InsufficientMatcha(0, 1));

        assertThat(stores.customers().find(passId)).isEmpty();
        assertThat(stores.generations().find(id)).isEmpty();
        assertThat(stores.events().about(id)).isEmpty();
    }

    @Test
    void theSameCreateSentManyTimesAtOnceChargesOnceAndAnswersOneGeneration() throws Exception {
        for (int round = 0; round < 5; round++) {
            PassId passId = customerWith(5);
            NewGeneration g = still(newId(), passId, 2, T0);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<CreateOutcome>> results = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return stores.queue().create(g);
                    }));
                }
                start.countDown();
                int created = 0;
                for (Future<CreateOutcome> result : results) {
                    switch (result.get()) {
                        case CreateOutcome.Created c -> {
                            created++;
                            assertThat(c.balance()).isEqualTo(3);
                            assertThat(c.generation().id()).isEqualTo(g.id());
                        }
                        case CreateOutcome.AlreadyExists a ->
                            assertThat(a.generation().id()).isEqualTo(g.id());
                        case CreateOutcome other -> throw new AssertionError("unexpected " + other);
                    }
                }
                assertThat(created).isEqualTo(1);
            } finally {
                pool.shutdownNow();
            }
            assertThat(balance(passId)).isEqualTo(3);
            assertThat(stores.events().about(g.id())).hasSize(1);
            assertThat(stores.credits().history(passId, 10).stream()
                            .filter(t -> t.delta() < 0)
                            .count())
                    .isEqualTo(1);
        }
    }

    @Test
    void concurrentCreatesNeverSpendOneMatchaTwice() throws Exception {
        PassId passId = customerWith(5);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<CreateOutcome>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> stores.queue().create(still(newId(), passId, 1, T0))));
            }
            long created = 0;
            for (Future<CreateOutcome> result : results) {
                if (result.get() instanceof CreateOutcome.Created) {
                    created++;
                }
            }
            assertThat(created).isEqualTo(5);
        } finally {
            pool.shutdownNow();
        }
        assertThat(balance(passId)).isZero();
    }

    @Test
    void eachJobIsClaimedByOneWorkerAtATime() throws Exception {
        PassId passId = customerWith(30);
        Set<GenerationId> mine = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 30; i++) {
            GenerationId id = newId();
            mine.add(id);
            stores.queue().create(still(id, passId, 1, T0));
        }
        List<GenerationId> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<GenerationId, String> claimedBy = claimByEightWorkers(
                worker -> stores.queue()
                        .claimNext(worker, T0, LEASE)
                        .map(List::of)
                        .orElse(List.of()),
                duplicates);
        assertThat(duplicates).isEmpty();
        assertThat(claimedBy.keySet()).containsAll(mine);
    }

    /** Eight workers claim at once, each until nothing is left; returns who got which job. */
    private static Map<GenerationId, String> claimByEightWorkers(
            java.util.function.Function<String, List<Generation>> claim, List<GenerationId> duplicates)
            throws Exception {
        Map<GenerationId, String> claimedBy = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String worker = "w" + w;
                workers.add(pool.submit(() -> {
                    start.await();
                    List<Generation> jobs;
                    while (!(jobs = claim.apply(worker)).isEmpty()) {
                        for (Generation job : jobs) {
                            if (claimedBy.putIfAbsent(job.id(), worker) != null) {
                                duplicates.add(job.id());
                            }
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return claimedBy;
    }

    @Test
    void severalJobsAreClaimedInOneGoOldestFirst() {
        PassId passId = customerWith(5);
        List<GenerationId> ids = new ArrayList<>();
        Instant longAgo = T0.minus(Duration.ofDays(2_000)); // older than any other test's jobs: claimed first
        for (int i = 0; i < 5; i++) {
            GenerationId id = newId();
            ids.add(id);
            stores.queue().create(still(id, passId, 1, longAgo.plusSeconds(i)));
        }

        List<Generation> first = stores.queue().claimUpTo("batch", T0, LEASE, 3);
        List<Generation> second = stores.queue().claimUpTo("batch", T0, LEASE, 2);

        assertThat(first).extracting(Generation::id).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(second).extracting(Generation::id).containsExactlyElementsOf(ids.subList(3, 5));
        assertThat(first).allSatisfy(g -> {
            assertThat(g.leaseOwner()).isEqualTo("batch");
            assertThat(g.attempts()).isEqualTo(1);
        });
    }

    @Test
    void jobsClaimedInBatchesByManyWorkersGoToOneWorkerEach() throws Exception {
        PassId passId = customerWith(40);
        Set<GenerationId> mine = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 40; i++) {
            GenerationId id = newId();
            mine.add(id);
            stores.queue().create(still(id, passId, 1, T0));
        }
        List<GenerationId> duplicates = new java.util.concurrent.CopyOnWriteArrayList<>();
        Map<GenerationId, String> claimedBy =
                claimByEightWorkers(worker -> stores.queue().claimUpTo(worker, T0, LEASE, 4), duplicates);
        assertThat(duplicates).isEmpty();
        assertThat(claimedBy.keySet()).containsAll(mine);
    }

    @Test
    void anExpiredLeaseIsClaimedAgainAndTheAttemptCounted() {
        PassId passId = customerWith(1);
        GenerationId id = newId();
        Instant created = T0.plus(Duration.ofDays(400));
        stores.queue().create(still(id, passId, 1, created));

        Generation first = claim(id, "crashed", created);
        assertThat(first.attempts()).isEqualTo(1);
        assertThat(first.leaseOwner()).isEqualTo("crashed");

        Generation second = claim(id, "rescuer", created.plus(LEASE).plusSeconds(1));
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(stores.queue().progress(id, "crashed", MmaStatus.SCANNING, doc(Json.obj()), created))
                .isFalse();
        assertThat(stores.queue().progress(id, "rescuer", MmaStatus.SCANNING, doc(Json.obj("x", 1)), created))
                .isTrue();
    }

    @Test
    void aSpecificJobCanBeClaimedOnlyWhileItsLeaseIsFree() {
        PassId passId = customerWith(1);
        GenerationId id = newId();
        Instant created = T0.plus(Duration.ofDays(800));
        stores.queue().create(still(id, passId, 1, created));

        assertThat(stores.queue().claim(id, "cli", created, LEASE))
                .get()
                .extracting(Generation::leaseOwner)
                .isEqualTo("cli");
        assertThat(stores.queue().claim(id, "other", created.plusSeconds(1), LEASE))
                .isEmpty();
        assertThat(stores.queue().claim(id, "other", created.plus(LEASE).plusSeconds(1), LEASE))
                .isPresent();
        assertThat(stores.queue().claim(newId(), "cli", created, LEASE)).isEmpty();
    }

    @Test
    void stepsAreRecordedOnceInOrderAndOnlyByTheLeaseHolder() {
        PassId passId = customerWith(1);
        GenerationId id = newId();
        stores.queue().create(still(id, passId, 1, T0));
        claim(id, "w1", T0);

        assertThat(stores.queue()
                        .recordStep(
                                step(id, 1, "scan_product"),
                                "w1",
                                new StepUpdate(
                                        MmaStatus.SCANNING,
                                        doc(Json.obj("scans", Json.obj("product_crt", "a bottle"))),
                                        null),
                                T0))
                .isTrue();
        assertThat(stores.queue()
                        .recordStep(
                                step(id, 1, "scan_product"),
                                "w1",
                                new StepUpdate(
                                        MmaStatus.SCANNING,
                                        doc(Json.obj("scans", Json.obj("product_crt", "a bottle"))),
                                        null),
                                T0))
                .isTrue();
        assertThat(stores.queue()
                        .recordStep(
                                step(id, 2, "like_history"),
                                "intruder",
                                new StepUpdate(MmaStatus.PROMPTING, doc(Json.obj()), null),
                                T0))
                .isFalse();
        assertThat(stores.queue()
                        .recordStep(
                                step(id, 2, "like_history"),
                                "w1",
                                new StepUpdate(
                                        MmaStatus.PROMPTING,
                                        doc(Json.obj("history", Json.obj("style_history_csv", ""))),
                                        null),
                                T0))
                .isTrue();

        assertThat(stores.generations().steps(id))
                .extracting(StepRecord::stepType)
                .containsExactly("scan_product", "like_history");
        assertThat(stores.generations().steps(id).get(0).payload()).containsKeys("input", "output", "timing", "error");
        Generation g = stores.generations().find(id).orElseThrow();
        assertThat(g.status()).isEqualTo(MmaStatus.PROMPTING);
        assertThat(g.section("history")).containsKey("style_history_csv");
    }

    @Test
    void theLastStepCompletesTheGenerationWithItsArtifact() {
        PassId passId = customerWith(1);
        GenerationId id = newId();
        stores.queue().create(still(id, passId, 1, T0));
        claim(id, "w1", T0);

        stores.queue()
                .recordStep(
                        step(id, 1, "local_generate"),
                        "w1",
                        new StepUpdate(
                                MmaStatus.DONE,
                                doc(Json.obj(
                                        "outputs",
                                        Json.obj("still_url", "http://localhost:8080/assets/mma/still/x.png"))),
                                new StepUpdate.Completion(
                                        "http://localhost:8080/assets/mma/still/x.png",
                                        "mma/still/x.png",
                                        "a prompt",
                                        "local",
                                        "local-v1",
                                        1234)),
                        T0);

        Generation done = stores.generations().find(id).orElseThrow();
        assertThat(done.status()).isEqualTo(MmaStatus.DONE);
        assertThat(done.outputUrl()).isEqualTo("http://localhost:8080/assets/mma/still/x.png");
        assertThat(done.prompt()).isEqualTo("a prompt");
        assertThat(done.provider()).isEqualTo("local");
        assertThat(done.latencyMs()).isEqualTo(1234);
        assertThat(done.leaseOwner()).isNull();
        assertThat(stores.queue()
                        .claimNext("w2", T0.plus(Duration.ofDays(1000)), LEASE)
                        .filter(g -> g.id().equals(id)))
                .isEmpty();
    }

    @Test
    void aFailedGenerationIsRefundedExactlyOnceEvenWhenFailedTwiceAtOnce() throws Exception {
        PassId passId = customerWith(2);
        GenerationId id = newId();
        stores.queue().create(still(id, passId, 1, T0));
        claim(id, "w1", T0);
        CreditEntry refund = CreditEntry.refund(passId, id, Matcha.of(1), "provider failed", T0);

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Optional<CreditOutcome>> a = pool.submit(() -> stores.queue()
                    .fail(
                            id,
                            null,
                            step(id, 1, "scan_product"),
                            "The image service did not answer",
                            doc(Json.obj()),
                            refund,
                            T0));
            Future<Optional<CreditOutcome>> b = pool.submit(() -> stores.queue()
                    .fail(
                            id,
                            null,
                            step(id, 1, "scan_product"),
                            "The image service did not answer",
                            doc(Json.obj()),
                            refund,
                            T0));
            long refunded = java.util.stream.Stream.of(a.get(), b.get())
                    .filter(o ->
                            o.filter(CreditOutcome.Applied.class::isInstance).isPresent())
                    .count();
            assertThat(refunded).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        Generation failed = stores.generations().find(id).orElseThrow();
        assertThat(failed.status()).isEqualTo(MmaStatus.ERROR);
        assertThat(failed.error()).isEqualTo("The image service did not answer");
        assertThat(balance(passId)).isEqualTo(2);
        assertThat(stores.credits().history(passId, 10))
                .extracting(CreditTransaction::id)
                .containsOnlyOnce(CreditTxId.refund(id));
        assertThat(stores.queue().fail(id, null, null, "again", doc(Json.obj()), refund, T0))
                .isEmpty();
        assertThat(stores.generations().steps(id)).hasSize(1);
    }

    @Test
    void pagesOfGenerationsHaveNoGapsOrDuplicatesWhileNewOnesArrive() {
        PassId passId = customerWith(100);
        Instant base = T0.plus(Duration.ofDays(2000));
        List<GenerationId> created = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            GenerationId id = newId();
            created.add(id);
            // Several share a creation time: the id breaks the tie.
            stores.queue().create(still(id, passId, 1, base.plusSeconds(i / 3)));
        }
        List<GenerationId> seen = new ArrayList<>();
        GenerationQuery.Cursor cursor = null;
        int page = 0;
        while (true) {
            List<Generation> items =
                    stores.generations().search(new GenerationQuery(passId, null, null, false, null, null, cursor, 7));
            if (page++ == 1) { // newer rows arriving between pages never shift the pages already read
                for (int i = 0; i < 3; i++) {
                    stores.queue().create(still(newId(), passId, 1, base.plusSeconds(100 + i)));
                }
            }
            items.forEach(g -> seen.add(g.id()));
            if (items.size() < 7) {
                break;
            }
            Generation last = items.get(items.size() - 1);
            cursor = new GenerationQuery.Cursor(last.createdAt(), last.id());
        }
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(created);
        assertThat(stores.generations()
                        .search(GenerationQuery.of(passId, 1))
                        .get(0)
                        .createdAt())
                .isEqualTo(base.plusSeconds(102));
    }

    @Test
    void generationsFilterByModeStatusDateAndLikes() {
        PassId passId = customerWith(10);
        Instant base = T0.plus(Duration.ofDays(3000));
        GenerationId liked = newId();
        GenerationId unliked = newId();
        GenerationId plain = newId();
        stores.queue().create(still(liked, passId, 1, base));
        stores.queue().create(still(unliked, passId, 1, base.plusSeconds(1)));
        stores.queue().create(still(plain, passId, 1, base.plusSeconds(2)));
        stores.events()
                .record(new MmaEvent(
                        UUID.randomUUID().toString(),
                        passId,
                        EventType.LIKE,
                        liked,
                        null,
                        Json.obj(),
                        base.plusSeconds(5)));
        stores.events()
                .record(new MmaEvent(
                        UUID.randomUUID().toString(),
                        passId,
                        EventType.LIKE,
                        unliked,
                        null,
                        Json.obj(),
                        base.plusSeconds(5)));
        stores.events()
                .record(new MmaEvent(
                        UUID.randomUUID().toString(),
                        passId,
                        EventType.DISLIKE,
                        unliked,
                        null,
                        Json.obj(),
                        base.plusSeconds(6)));

        assertThat(stores.generations().search(new GenerationQuery(passId, null, null, true, null, null, null, 10)))
                .extracting(Generation::id)
                .containsExactly(liked);
        assertThat(stores.generations()
                        .search(new GenerationQuery(passId, MmaMode.VIDEO, null, false, null, null, null, 10)))
                .isEmpty();
        assertThat(stores.generations()
                        .search(new GenerationQuery(
                                passId,
                                MmaMode.STILL,
                                MmaStatus.QUEUED,
                                false,
                                base.plusSeconds(1),
                                base.plusSeconds(2),
                                null,
                                10)))
                .extracting(Generation::id)
                .containsExactly(unliked);
        assertThat(stores.generations()
                        .search(new GenerationQuery(null, null, null, false, base, base.plusSeconds(3), null, 10)))
                .extracting(Generation::id)
                .containsExactly(plain, unliked, liked);
    }

    @Test
    void aClearTakesBackALikeForTheLikedFilter() {
        PassId passId = customerWith(2);
        Instant base = T0.plus(Duration.ofDays(3100));
        GenerationId id = newId();
        stores.queue().create(still(id, passId, 1, base));
        for (var type : List.of(EventType.LIKE, EventType.CLEAR)) {
            stores.events()
                    .record(new MmaEvent(
                            UUID.randomUUID().toString(),
                            passId,
                            type,
                            id,
                            null,
                            Json.obj(),
                            base.plusSeconds(type == EventType.LIKE ? 1 : 2)));
        }

        assertThat(stores.generations().search(new GenerationQuery(passId, null, null, true, null, null, null, 10)))
                .isEmpty();
    }

    @Test
    void aHiddenGenerationIsGoneForItsOwnerOnlyAndNothingElseChanges() {
        PassId passId = customerWith(5);
        PassId other = customerWith(5);
        Instant base = T0.plus(Duration.ofDays(3200));
        GenerationId hidden = newId();
        GenerationId kept = newId();
        stores.queue().create(still(hidden, passId, 2, base));
        stores.queue().create(still(kept, passId, 1, base.plusSeconds(1)));
        long balance = stores.customers().find(passId).orElseThrow().credits();
        List<CreditTransaction> ledger = stores.credits().history(passId, 100);

        assertThat(stores.generations().hide(hidden, other, base.plusSeconds(5)))
                .isFalse();
        assertThat(stores.generations().find(hidden).orElseThrow().hiddenAt()).isNull();
        assertThat(stores.generations().hide(hidden, passId, base.plusSeconds(5)))
                .isTrue();
        assertThat(stores.generations().hide(hidden, passId, base.plusSeconds(9)))
                .isTrue();

        Generation stored = stores.generations().find(hidden).orElseThrow(); // the back office still reads it
        assertThat(stored.hiddenAt()).isEqualTo(base.plusSeconds(5));
        assertThatThrownBy(() -> stores.generations().findOwned(hidden, passId))
                .isInstanceOf(me.minav3.mma.error.NotFound.class)
                .hasMessage("no generation " + hidden.mgId());
        GenerationQuery mine = GenerationQuery.of(passId, 10);
        assertThat(stores.generations().search(mine.withoutHidden()))
                .extracting(Generation::id)
                .containsExactly(kept);
        assertThat(stores.generations().search(mine)).extracting(Generation::id).containsExactly(kept, hidden);
        assertThat(stores.customers().find(passId).orElseThrow().credits()).isEqualTo(balance);
        assertThat(stores.credits().history(passId, 100)).isEqualTo(ledger);
        assertThat(stores.credits().drifts()).noneMatch(d -> d.passId().equals(passId));
    }

    @Test
    void theBackOfficeFiltersByProviderAndFailureKindAsTheErrorListGroupsThem() {
        PassId passId = customerWith(5);
        Instant base = T0.plus(Duration.ofDays(3300));
        GenerationId done = newId();
        GenerationId timedOut = newId();
        GenerationId rejected = newId();
        GenerationId noCause = newId();
        GenerationId queued = newId();
        stores.queue().create(still(done, passId, 1, base));
        stores.queue().create(still(timedOut, passId, 1, base.plusSeconds(1)));
        stores.queue().create(still(rejected, passId, 1, base.plusSeconds(2)));
        stores.queue().create(still(noCause, passId, 1, base.plusSeconds(3)));
        stores.queue().create(still(queued, passId, 1, base.plusSeconds(4)));
        claim(done, "w1", base);
        stores.queue()
                .recordStep(
                        step(done, 1, "local_generate"),
                        "w1",
                        new StepUpdate(
                                MmaStatus.DONE,
                                doc(Json.obj()),
                                new StepUpdate.Completion(
                                        "http://localhost:8080/assets/mma/still/d.png",
                                        "mma/still/d.png",
                                        "a prompt",
                                        "local",
                                        "local-v1",
                                        10)),
                        base);
        failWith(timedOut, 1, Json.obj("provider", "seedream", "kind", "timeout", "message", "no answer"));
        claim(rejected, "w1", base);
        stores.queue()
                .recordStep(
                        step(rejected, 1, "scan_product"),
                        "w1",
                        new StepUpdate(MmaStatus.SCANNING, doc(Json.obj()), null),
                        base);
        failWith(rejected, 2, Json.obj("provider", "kling", "kind", "rejected", "message", "refused"));
        stores.queue().fail(noCause, null, null, "stopped", doc(Json.obj()), null, base);

        assertThat(ids(GenerationQuery.of(passId, 10).withCause("local", null))).containsExactly(done);
        assertThat(ids(GenerationQuery.of(passId, 10).withCause("seedream", null)))
                .containsExactly(timedOut);
        assertThat(ids(GenerationQuery.of(passId, 10).withCause(null, "rejected")))
                .containsExactly(rejected);
        assertThat(ids(GenerationQuery.of(passId, 10).withCause(null, FailureCause.UNKNOWN)))
                .as("unknown: failed without a recorded cause; never a done or queued one")
                .containsExactly(noCause);
        assertThat(ids(GenerationQuery.of(passId, 10).withCause("kling", "timeout")))
                .isEmpty();
        assertThat(ids(GenerationQuery.of(passId, 10).withCause(FailureCause.MMA, null)))
                .containsExactly(queued, noCause);
        assertThat(ids(new GenerationQuery(passId, null, MmaStatus.ERROR, false, null, null, null, 10)
                        .withCause("kling", "rejected")))
                .containsExactly(rejected);
        for (GenerationId id : List.of(done, timedOut, rejected, noCause, queued)) {
            Generation g = stores.generations().find(id).orElseThrow();
            FailureCause cause = FailureCause.of(g, stores.generations().steps(id));
            GenerationQuery same = GenerationQuery.of(passId, 10).withCause(cause.provider(), null);
            assertThat(ids(same))
                    .as("the filter and FailureCause agree on %s", id)
                    .contains(id);
        }
    }

    private List<GenerationId> ids(GenerationQuery query) {
        return stores.generations().search(query).stream().map(Generation::id).toList();
    }

    private void failWith(GenerationId id, int stepNo, Map<String, Object> error) {
        Map<String, Object> payload = Json.obj(
                "input",
                Json.obj(),
                "output",
                Json.obj(),
                "timing",
                Json.obj("started_at", T0.toString(), "ended_at", T0.toString(), "duration_ms", 0),
                "error",
                error);
        stores.queue()
                .fail(
                        id,
                        null,
                        new StepRecord(id, stepNo, "seedream_generate", payload, T0),
                        String.valueOf(error.get("message")),
                        doc(Json.obj()),
                        null,
                        T0);
    }
}
