package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.generation.Generation;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests and pipeline workers share one pool of the size operators configure, but workers never take the
 * connections reserved for requests (decision 038): a saturated pipeline cannot keep a request from the database.
 */
class ConnectionBudgetTest {

    private MegaDatabase db;

    @BeforeEach
    void open() {
        db = MegaDatabase.open(TestDatabase.freshUrl(), new ConnectionBudget(4, 1));
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void aRequestGetsAConnectionWhileWorkersHoldEveryConnectionTheyMay() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger held = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            workers.add(Thread.ofVirtual().start(() -> {
                try (Handle h = db.workerJdbi().open()) {
                    h.createQuery("SELECT 1").mapTo(Integer.class).one();
                    held.incrementAndGet();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        // Ten workers want a connection: three (the pool of four less the one reserved) hold one, seven wait.
        await(() -> held.get() == 3 && db.workerUsage().pending() == 7);
        assertThat(db.workerUsage().active()).isEqualTo(3);

        // The request side still gets its connection at once, through the stores requests use.
        assertThat(db.queueDepth()).isZero();
        assertThat(db.generations().find(unknownId())).isEmpty();
        assertThat(db.poolUsage().max())
                .as("the process's total stays what was configured")
                .isEqualTo(4);

        release.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertThat(held)
                .as("the waiting workers got theirs as connections came back")
                .hasValue(10);
        assertThat(db.workerUsage().active()).isZero();
    }

    @Test
    void thePipelinesStoresDrawOnTheWorkersShare() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(3);
        List<Thread> holders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            holders.add(Thread.ofVirtual().start(() -> {
                try (Handle h = db.workerJdbi().open()) {
                    h.createQuery("SELECT 1").mapTo(Integer.class).one();
                    holding.countDown();
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
        }
        holding.await();
        AtomicReference<Optional<Generation>> found = new AtomicReference<>();
        Thread pipeline = Thread.ofVirtual()
                .start(() -> found.set(db.workerStores().generations().find(unknownId())));
        // The worker-side store waits for the workers' share; the request-side one does not.
        await(() -> db.workerUsage().pending() == 1);
        assertThat(db.generations().find(unknownId())).isEmpty();
        assertThat(found.get()).isNull();

        release.countDown();
        pipeline.join();
        for (Thread holder : holders) {
            holder.join();
        }
        assertThat(found.get()).isEmpty();
    }

    @Test
    void aConnectionClosedTwiceGivesItsShareBackOnce() throws Exception {
        Handle h = db.workerJdbi().open();
        h.getConnection().close();
        h.close();
        assertThat(db.workerUsage().active()).isZero();
        assertThat(db.workerUsage().max()).isEqualTo(3);
    }

    @Test
    void aboutThreeInTenConnectionsAreReservedForRequestsUnlessConfigured() {
        assertThat(ConnectionBudget.of(10, null)).isEqualTo(new ConnectionBudget(10, 3));
        assertThat(ConnectionBudget.of(10, null).workers()).isEqualTo(7);
        assertThat(ConnectionBudget.of(2, null)).isEqualTo(new ConnectionBudget(2, 1));
        assertThat(ConnectionBudget.of(20, null)).isEqualTo(new ConnectionBudget(20, 6));
        // One connection cannot be split: workers and requests share it, as before budgets existed.
        assertThat(ConnectionBudget.of(1, null)).isEqualTo(new ConnectionBudget(1, 0));
        assertThat(ConnectionBudget.of(10, 0).workers()).isEqualTo(10);
        assertThat(ConnectionBudget.of(10, 9).workers()).isEqualTo(1);
    }

    @Test
    void thePipelineMayAlwaysHoldAboutOneInFiveConnectionsWithinItsShare() {
        assertThat(ConnectionBudget.of(10, null).workerFloor()).isEqualTo(2);
        assertThat(ConnectionBudget.of(20, null).workerFloor()).isEqualTo(4);
        assertThat(ConnectionBudget.of(4, 1).workerFloor()).isEqualTo(1);
        assertThat(ConnectionBudget.of(2, null).workerFloor()).isEqualTo(1);
        assertThat(ConnectionBudget.of(1, null).workerFloor()).isEqualTo(1);
        // Never more than the workers' share: a reserve of 9 of 10 leaves them one, and that one is their floor.
        assertThat(ConnectionBudget.of(10, 9).workerFloor()).isEqualTo(1);
    }

    @Test
    void workersAlwaysKeepAtLeastOneConnection() {
        assertThatThrownBy(() -> ConnectionBudget.of(10, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 9");
        assertThatThrownBy(() -> ConnectionBudget.of(10, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MegaDatabase.Settings(null, java.nio.file.Path.of("x"), 4, "t", 4))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static GenerationId unknownId() {
        return GenerationId.parse(UUID.randomUUID().toString());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 30 s");
            }
            Thread.sleep(10);
        }
    }
}
