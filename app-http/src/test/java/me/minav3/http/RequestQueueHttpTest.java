package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.TestDatabase;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Decision 047 over HTTP: when every database connection a request may use is taken and the request queue is full
 * ({@code MINA_DB_REQUEST_QUEUE=0} here: nobody may wait), a create is answered at once 503 problem+json with
 * {@code Retry-After} and writes and charges nothing; the requests holding the connections finish normally.
 */
class RequestQueueHttpTest {

    private static final String DATABASE = TestDatabase.freshDatabaseUrlSetting();
    private static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = new TestServer(Map.of("MINA_DB_POOL_SIZE", "2", "MINA_DB_REQUEST_QUEUE", "0"), DATABASE, false);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aCreateThatFindsTheQueueFullIs503WithRetryAfterAndChargesNothing() throws Exception {
        String holder = server.token("holder@example.com");
        PassId holderId = server.customer(holder, 5);
        String late = server.token("late@example.com");
        PassId lateId = server.customer(late, 5);
        long lateCredits = server.get("/api/me", late).json().get("credits").asLong();

        List<TestServer.Reply> held = new CopyOnWriteArrayList<>();
        List<Thread> creates = new ArrayList<>();
        try (Connection lock = DatabaseUrl.parse(DATABASE).connect()) {
            // Lock the holder's balance row: its two creates each hold a connection, waiting for the lock.
            lock.setAutoCommit(false);
            try (PreparedStatement s =
                    lock.prepareStatement("SELECT 1 FROM public.mega_customers WHERE mg_pass_id = ? FOR UPDATE")) {
                s.setString(1, holderId.value());
                s.executeQuery().close();
            }
            for (int i = 0; i < 2; i++) {
                String brief = "{\"brief\":\"a bottle holding a connection " + i + "\"}";
                creates.add(Thread.ofVirtual().start(() -> held.add(server.post("/api/stills", holder, brief))));
            }
            // Both creates wait for the lock, each holding one of the two connections.
            await(() -> waitingForALock() == 2
                    && server.wiring.database().requestUsage().active() == 2);

            TestServer.Reply refused = server.post("/api/stills", late, "{\"brief\":\"a bottle too many\"}");

            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
            assertThat(refused.header("Retry-After")).as("how long to wait").matches("[1-9][0-9]*");
            assertThat(refused.json().get("detail").asText())
                    .contains("too busy")
                    .contains("nothing was written");
            lock.rollback();
        }
        for (Thread t : creates) {
            t.join();
        }
        assertThat(held).extracting(TestServer.Reply::status).containsExactly(202, 202);
        assertThat(generationsOf(lateId)).as("nothing written").isZero();
        assertThat(server.get("/api/me", late).json().get("credits").asLong())
                .as("nothing charged")
                .isEqualTo(lateCredits);
        assertThat(server.post("/api/stills", late, "{\"brief\":\"a bottle, later\"}")
                        .status())
                .as("once connections are free again")
                .isEqualTo(202);
    }

    private static long generationsOf(PassId passId) throws SQLException {
        try (Connection c = DatabaseUrl.parse(DATABASE).connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM public.mega_generations"
                        + " WHERE mg_pass_id = ? AND mg_record_type = 'generation'")) {
            s.setString(1, passId.value());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long waitingForALock() {
        try (Connection c = DatabaseUrl.parse(DATABASE).connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }
}
