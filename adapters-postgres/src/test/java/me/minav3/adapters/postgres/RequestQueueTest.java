package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.error.StorageFailure;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.NewGeneration;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests queue fairly for the database's connections, and only a full queue refuses (decision 047): a create that
 * finds every connection in use waits in the queue and succeeds when one frees; one that finds the queue full is
 * refused at once, busy, with how long to wait — nothing written, nothing charged.
 */
class RequestQueueTest {

    private static final Instant T0 = Instant.parse("2026-12-05T21:00:00Z");

    private MegaDatabase db;
    private final List<Handle> held = new ArrayList<>();

    @BeforeEach
    void open() {
        // A pool of 3, one reserved for requests; at most one request may wait.
        db = MegaDatabase.open(TestDatabase.freshUrl(), new ConnectionBudget(3, 1), 1);
    }

    @AfterEach
    void close() {
        held.forEach(Handle::close);
        db.close();
    }

    @Test
    void aCreateThatFindsEveryConnectionInUseWaitsAndSucceedsWhenOneFrees() throws Exception {
        PassId passId = customerWith(5);
        holdEveryConnection();

        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread create = Thread.ofVirtual().start(() -> outcome.set(createFor(passId, UUID.randomUUID())));
        await(() -> db.requestUsage().pending() == 1);
        assertThat(outcome.get()).as("still waiting, not refused").isNull();

        held.removeFirst().close();
        create.join();

        assertThat(outcome.get()).isInstanceOf(CreateOutcome.Created.class);
        assertThat(db.customers().find(passId).orElseThrow().credits()).isEqualTo(4);
        assertThat(db.requestUsage().pending()).isZero();
    }

    @Test
    void aCreateThatFindsTheQueueFullIsRefusedBusyWithNothingWrittenOrCharged() throws Exception {
        PassId passId = customerWith(5);
        PassId waiter = customerWith(5);
        holdEveryConnection();
        AtomicReference<Object> queued = new AtomicReference<>();
        Thread first = Thread.ofVirtual().start(() -> queued.set(createFor(waiter, UUID.randomUUID())));
        await(() -> db.requestUsage().pending() == 1); // the queue (of one) is full now

        UUID refusedId = UUID.randomUUID();
        assertThatThrownBy(() -> createFor(passId, refusedId))
                .isInstanceOfSatisfying(
                        StorageFailure.class,
                        e -> assertThat(e.retryAfter())
                                .as("a busy refusal says when to try again")
                                .isNotNull()
                                .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30)));

        held.removeFirst().close();
        first.join();
        assertThat(queued.get()).as("the one already waiting was served").isInstanceOf(CreateOutcome.Created.class);
        held.forEach(Handle::close);
        held.clear();
        assertThat(db.generations().find(new GenerationId(refusedId.toString())))
                .as("nothing written")
                .isEmpty();
        assertThat(db.customers().find(passId).orElseThrow().credits())
                .as("nothing charged")
                .isEqualTo(5);
        // The refusal held nothing: the next create goes through.
        assertThat(createFor(passId, refusedId)).isInstanceOf(CreateOutcome.Created.class);
    }

    @Test
    void aForwardedLineGoesOutWhileTheRequestQueueIsFull() throws Exception {
        List<String> received = Collections.synchronizedList(new ArrayList<>());
        PgNotifications channel = db.notifications();
        channel.listen(received::add);
        while (!received.contains("ping")) { // LISTEN opens in the background
            channel.publish("ping");
            Thread.sleep(50);
        }
        PassId waiter = customerWith(5);
        holdEveryConnection();
        Thread queued = Thread.ofVirtual().start(() -> createFor(waiter, UUID.randomUUID()));
        await(() -> db.requestUsage().pending() == 1); // the queue (of one) is full now

        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread forwarder = Thread.ofVirtual().start(() -> {
            try {
                channel.publishAll(List.of("line 1", "line 2"));
            } catch (RuntimeException e) {
                failed.set(e);
            }
        });
        await(() -> !forwarder.isAlive() || db.notifyUsage().pending() == 1);
        assertThat(failed.get())
                .as("the forwarder waits its turn, it is not refused as a request would be")
                .isNull();

        held.removeFirst().close();
        forwarder.join();
        await(() -> received.contains("line 2"));
        assertThat(received).containsSubsequence("line 1", "line 2");
        assertThat(failed.get()).isNull();

        held.forEach(Handle::close);
        held.clear();
        queued.join();
        assertThat(db.poolUsage().active()).isZero();
    }

    private void holdEveryConnection() {
        for (int i = 0; i < 3; i++) {
            Handle h = db.jdbi().open();
            h.createQuery("SELECT 1").mapTo(Integer.class).one();
            held.add(h);
        }
        assertThat(db.requestUsage().active()).isEqualTo(3);
    }

    private Object createFor(PassId passId, UUID id) {
        return db.generationQueue()
                .create(new NewGeneration(
                        new GenerationId(id.toString()),
                        passId,
                        null,
                        null,
                        MmaMode.STILL,
                        GenerationDocumentCodec.decode(Json.obj("inputs", Json.obj("brief", "a queued latte"))),
                        Json.obj(),
                        Matcha.of(1),
                        T0,
                        null));
    }

    private PassId customerWith(long credits) {
        PassId passId = customerWithout();
        db.credits()
                .post(new CreditEntry(
                        CreditTxId.grant(passId.localId()),
                        passId,
                        credits,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        T0,
                        Json.obj()));
        return passId;
    }

    private static PassId customerWithout() {
        return PassId.user("queue-" + UUID.randomUUID().toString().substring(0, 8));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
