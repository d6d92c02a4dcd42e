package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import me.minav3.mma.common.Foreground;
import org.junit.jupiter.api.Test;

/**
 * The gate in front of the pool (decision 049) never loses a permit or a connection: whatever mix of requests,
 * workers and forwarders takes and gives back connections, times out, is refused or is interrupted while waiting,
 * once they are done every permit is free and the pool is all idle.
 */
class ConnectionGateTest {

    @Test
    void manyConcurrentAcquiresAndClosesWithInterruptsAndTimeoutsLeaveThePoolAllIdle() throws Exception {
        try (HikariDataSource pool = MegaDatabase.pool(TestDatabase.freshUrl(), 4, "gate-test")) {
            ConnectionGate gate = new ConnectionGate(4, 3, 1);
            List<BudgetedDataSource> sources = List.of(
                    new BudgetedDataSource(
                            pool,
                            gate,
                            ConnectionGate.Lane.REQUEST,
                            "requests",
                            Duration.ofMillis(3),
                            6,
                            Foreground.off()),
                    new BudgetedDataSource(
                            pool,
                            gate,
                            ConnectionGate.Lane.WORKER,
                            "workers",
                            Duration.ofMillis(5),
                            BudgetedDataSource.UNBOUNDED,
                            Foreground.off()),
                    new BudgetedDataSource(
                            pool, gate, ConnectionGate.Lane.REQUEST, "requests", Duration.ZERO, 0, Foreground.off()),
                    new BudgetedDataSource(
                            pool,
                            gate,
                            ConnectionGate.Lane.NOTIFY,
                            "forwarders",
                            Duration.ofMillis(5),
                            BudgetedDataSource.UNBOUNDED,
                            Foreground.off()));
            AtomicInteger served = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 48; t++) {
                BudgetedDataSource source = sources.get(t % sources.size());
                callers.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < 40; i++) {
                        try (Connection c = source.getConnection()) {
                            if (ThreadLocalRandom.current().nextBoolean()) {
                                try (Statement s = c.createStatement()) {
                                    s.execute("SELECT 1");
                                }
                            }
                            if (ThreadLocalRandom.current().nextInt(4) == 0) {
                                c.close(); // closed twice: the permit goes back once
                            }
                            served.incrementAndGet();
                        } catch (SQLException e) {
                            refused.incrementAndGet(); // timed out, refused, or interrupted: all fine here
                            Thread.interrupted();
                        } catch (Throwable e) {
                            unexpected.compareAndSet(null, e);
                        }
                    }
                }));
            }
            Thread chaos = Thread.ofVirtual().start(() -> {
                while (callers.stream().anyMatch(Thread::isAlive)) {
                    callers.get(ThreadLocalRandom.current().nextInt(callers.size()))
                            .interrupt();
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            for (Thread caller : callers) {
                caller.join();
            }
            chaos.join();

            assertThat(unexpected.get()).isNull();
            assertThat(served.get() + refused.get()).isEqualTo(48 * 40);
            assertThat(gate.free()).as("every permit back").isEqualTo(4);
            for (ConnectionGate.Lane lane : ConnectionGate.Lane.values()) {
                assertThat(gate.held(lane)).as("held by " + lane).isZero();
                assertThat(gate.waiting(lane)).as("waiting in " + lane).isZero();
            }
            assertThat(pool.getHikariPoolMXBean().getActiveConnections())
                    .as("the pool is all idle")
                    .isZero();
            assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection())
                    .isZero();
        }
    }

    @Test
    void aPermitGivenBackTwiceIsAFault() throws Exception {
        ConnectionGate gate = new ConnectionGate(2, 1, 1);
        assertThat(gate.acquire(ConnectionGate.Lane.WORKER, 0, 0)).isEqualTo(ConnectionGate.Admission.GRANTED);
        gate.release(ConnectionGate.Lane.WORKER);
        assertThatThrownBy(() -> gate.release(ConnectionGate.Lane.WORKER)).isInstanceOf(IllegalStateException.class);
        assertThat(gate.free()).isEqualTo(2);
    }

    @Test
    void workersNeverHoldMoreThanTheirShareAndTheQueueBoundRefuses() throws Exception {
        ConnectionGate gate = new ConnectionGate(3, 2, 1);
        assertThat(gate.acquire(ConnectionGate.Lane.WORKER, 0, 0)).isEqualTo(ConnectionGate.Admission.GRANTED);
        assertThat(gate.acquire(ConnectionGate.Lane.WORKER, 0, 0)).isEqualTo(ConnectionGate.Admission.GRANTED);
        assertThat(gate.acquire(ConnectionGate.Lane.WORKER, 0, 1))
                .as("the third would eat the requests' reserve")
                .isEqualTo(ConnectionGate.Admission.TIMED_OUT);
        assertThat(gate.acquire(ConnectionGate.Lane.REQUEST, 0, 0)).isEqualTo(ConnectionGate.Admission.GRANTED);
        assertThat(gate.acquire(ConnectionGate.Lane.REQUEST, 0, 0))
                .as("every permit out and no place to wait")
                .isEqualTo(ConnectionGate.Admission.QUEUE_FULL);
        gate.release(ConnectionGate.Lane.REQUEST);
        gate.release(ConnectionGate.Lane.WORKER);
        gate.release(ConnectionGate.Lane.WORKER);
        assertThat(gate.free()).isEqualTo(3);
    }
}
