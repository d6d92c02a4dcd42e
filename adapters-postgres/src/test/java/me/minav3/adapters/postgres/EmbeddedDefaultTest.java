package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.error.ConfigurationError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With no DATABASE_URL the product runs on its own PostgreSQL in the data directory, shared by its processes. */
class EmbeddedDefaultTest {

    private static final PassId ALICE = PassId.user("alice");

    private static MegaDatabase open(Path dataDir) {
        return MegaDatabase.open(new MegaDatabase.Settings(null, dataDir, 4, "test"));
    }

    @Test
    void dataSurvivesARestartAndTheLastProcessOutStopsTheServer(@TempDir Path dataDir) {
        try (MegaDatabase first = open(dataDir)) {
            first.credits()
                    .post(new CreditEntry(
                            CreditTxId.grant("persist"),
                            ALICE,
                            5,
                            CreditReason.GRANT,
                            "test",
                            null,
                            null,
                            null,
                            null,
                            Instant.now(),
                            Json.obj()));
            assertThat(first.description()).startsWith("embedded PostgreSQL on port");

            try (MegaDatabase second = open(dataDir)) {
                first.close();
                // The second process is still connected: the server stays up for it.
                assertThat(second.healthy()).isTrue();
                assertThat(second.customers().find(ALICE).orElseThrow().credits())
                        .isEqualTo(5);
            }
        }
        assertThat(Files.exists(dataDir.resolve("pg/postmaster.pid")))
                .as("server stopped")
                .isFalse();

        try (MegaDatabase again = open(dataDir)) {
            assertThat(again.customers().find(ALICE).orElseThrow().credits()).isEqualTo(5);
        }
    }

    @Test
    void processesCreatingTheDatabaseAtOnceAllSucceed() throws Exception {
        // Two calls on a fresh data directory both find no database and both create it: PostgreSQL answers the
        // loser 42P04, or 23505 when both passed its own check. Either way the database is there: not an error.
        EmbeddedPostgresServer server = TestDatabase.server();
        int callers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            for (int round = 0; round < 5; round++) {
                String name = "race_" + round + "_" + Long.toHexString(System.nanoTime());
                CyclicBarrier together = new CyclicBarrier(callers);
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    calls.add(pool.submit(() -> {
                        together.await();
                        server.ensureDatabase(name);
                        return null;
                    }));
                }
                for (Future<?> call : calls) {
                    call.get(60, TimeUnit.SECONDS);
                }
                try (var c = server.connect(name)) {
                    assertThat(c.isValid(5)).isTrue();
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aServerStoppedBehindTheProcessesBackDoesNotBreakItsShutdown(@TempDir Path dataDir) {
        MegaDatabase db = open(dataDir);
        EmbeddedPostgresServer.startOrAttach(dataDir).stop();
        assertThat(db.healthy()).isFalse();

        db.close();

        try (MegaDatabase again = open(dataDir)) {
            assertThat(again.healthy()).isTrue();
        }
    }

    @Test
    void databaseUrlsInTheSupabaseFormBecomeJdbcUrls() {
        DatabaseUrl url = DatabaseUrl.parse(
                "postgres://postgres.abc:p%40ss%3Aword@db.example.supabase.co:6543/postgres?sslmode=require");

        assertThat(url.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.supabase.co:6543/postgres?sslmode=require");
        assertThat(url.user()).isEqualTo("postgres.abc");
        assertThat(url.password()).isEqualTo("p@ss:word");
        assertThat(url.toString()).doesNotContain("p@ss:word");
        assertThat(url.setting())
                .isEqualTo("jdbc:postgresql://db.example.supabase.co:6543/postgres?sslmode=require"
                        + "&user=postgres.abc&password=p%40ss%3Aword");
        assertThat(new DatabaseUrl("jdbc:postgresql://localhost/mina", "mina", null).setting())
                .isEqualTo("jdbc:postgresql://localhost/mina?user=mina");
        assertThat(DatabaseUrl.parse("jdbc:postgresql://localhost/mina").jdbcUrl())
                .isEqualTo("jdbc:postgresql://localhost/mina");
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://x")).isInstanceOf(ConfigurationError.class);
    }
}
