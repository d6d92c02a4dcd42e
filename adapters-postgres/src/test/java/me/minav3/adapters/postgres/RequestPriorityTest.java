package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * While requests wait for a connection, a connection the pipeline gives back goes to them first; the pipeline keeps
 * a floor it may always hold, and the NOTIFY forwarder is served before both (decision 049). Nobody gets a
 * connection "past" a waiting request inside HikariCP's own queue: the gate hands out no more than the pool holds.
 */
class RequestPriorityTest {

    private MegaDatabase db;
    private final List<Held> held = new ArrayList<>();
    private final List<String> served = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void open() {
        // A pool of 4, one reserved for requests: workers may hold 3 and always keep 1 (the floor of 4).
        db = MegaDatabase.open(TestDatabase.freshUrl(), new ConnectionBudget(4, 1));
    }

    @AfterEach
    void close() throws InterruptedException {
        for (Held h : held) {
            h.release();
        }
        db.close();
    }

    @Test
    void aFreedConnectionGoesToWaitingRequestsBeforeAWorkerThatCameBetweenThem() throws Exception {
        Held worker1 = hold("worker 1", db.workerJdbi());
        Held worker2 = hold("worker 2", db.workerJdbi());
        Held request0 = hold("request 0", db.jdbi());
        Held request00 = hold("request 00", db.jdbi());
        await(() -> served.size() == 4); // every holder has its connection and said so
        served.clear();

        Held first = hold("request 1", db.jdbi());
        await(() -> db.requestUsage().pending() == 1);
        // A worker under its share (2 of 3) and above its floor (1) asks while a request waits: it waits too.
        Held worker3 = hold("worker 3", db.workerJdbi());
        await(() -> db.workerUsage().pending() == 1);
        Held second = hold("request 2", db.jdbi());
        await(() -> db.requestUsage().pending() == 2);

        request0.release();
        await(() -> served.size() == 1);
        request00.release();
        await(() -> served.size() == 2);
        assertThat(served)
                .as("both waiting requests, the later one too, were served before the worker that came between them")
                .containsExactly("request 1", "request 2");
        worker1.release();
        await(() -> served.size() == 3);
        assertThat(served).containsExactly("request 1", "request 2", "worker 3");

        for (Held h : List.of(first, second, worker3, worker2)) {
            h.release();
        }
        assertThat(db.poolUsage().active()).isZero();
    }

    @Test
    void thePipelineGetsItsFloorBackBeforeWaitingRequests() throws Exception {
        // Requests hold every connection (they may, while the pipeline is quiet); then requests and a worker wait.
        List<Held> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(hold("request " + i, db.jdbi()));
        }
        await(() -> served.size() == 4); // every holder has its connection and said so
        served.clear();
        Held waitingRequest = hold("waiting request", db.jdbi());
        await(() -> db.requestUsage().pending() == 1);
        Held worker = hold("worker", db.workerJdbi());
        await(() -> db.workerUsage().pending() == 1);

        requests.get(0).release();
        await(() -> served.size() == 1);
        assertThat(served)
                .as(
                        "a pipeline holding less than its floor is served before requests, so a create storm cannot starve it")
                .containsExactly("worker");
        requests.get(1).release();
        await(() -> served.size() == 2);
        assertThat(served).containsExactly("worker", "waiting request");

        worker.release();
        waitingRequest.release();
        for (int i = 2; i < 4; i++) {
            requests.get(i).release();
        }
        assertThat(db.poolUsage().active()).isZero();
    }

    @Test
    void theNotifyForwarderIsServedBeforeWaitingRequests() throws Exception {
        List<Held> requests = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            requests.add(hold("request " + i, db.jdbi()));
        }
        await(() -> served.size() == 4); // every holder has its connection and said so
        served.clear();
        Held waitingRequest = hold("waiting request", db.jdbi());
        await(() -> db.requestUsage().pending() == 1);
        Held forwarder = hold("forwarder", db.notifyJdbi());
        await(() -> db.notifyUsage().pending() == 1);

        requests.get(0).release();
        await(() -> served.size() == 1);
        assertThat(served).as("the forwarder does not queue behind requests").containsExactly("forwarder");
        forwarder.release();
        await(() -> served.size() == 2);
        assertThat(served).containsExactly("forwarder", "waiting request");

        waitingRequest.release();
        for (int i = 1; i < 4; i++) {
            requests.get(i).release();
        }
        assertThat(db.poolUsage().active()).isZero();
    }

    /** A thread that opens a handle on {@code jdbi}, says so, and keeps it until released. */
    private Held hold(String name, Jdbi jdbi) {
        Held h = new Held(name, jdbi);
        held.add(h);
        return h;
    }

    private final class Held {
        private final CountDownLatch release = new CountDownLatch(1);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread thread;

        Held(String name, Jdbi jdbi) {
            thread = Thread.ofVirtual().name(name).start(() -> {
                try (Handle h = jdbi.open()) {
                    h.createQuery("SELECT 1").mapTo(Integer.class).one();
                    served.add(name);
                    release.await();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
        }

        void release() throws InterruptedException {
            release.countDown();
            thread.join();
            assertThat(failure.get()).isNull();
        }
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
