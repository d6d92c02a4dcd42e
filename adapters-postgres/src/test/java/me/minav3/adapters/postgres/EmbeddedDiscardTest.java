package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test run's own server is thrown away at its JVM's exit (TestDatabase): stopped at once, clients still connected,
 * without the shutdown checkpoint a clean stop writes (decision 048); what was committed still survives a restart.
 */
class EmbeddedDiscardTest {

    private static Connection connect(DatabaseUrl url) throws Exception {
        return DriverManager.getConnection(url.jdbcUrl(), url.user(), url.password());
    }

    @Test
    void aDiscardedServerStopsWithoutACheckpointAndItsCommittedRowsSurviveARestart(@TempDir Path dataDir)
            throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.startOwned(dataDir);
        server.ensureDatabase("kept");
        Connection stillOpen = connect(server.url("kept"));
        try (Statement st = stillOpen.createStatement()) {
            st.execute("CREATE TABLE t (n int)");
            st.execute("INSERT INTO t VALUES (1)");
        }

        server.discard();

        assertThat(EmbeddedPostgresServer.postmaster(dataDir.resolve("pg")))
                .as("the postmaster is gone")
                .isEmpty();
        String log = Files.readString(dataDir.resolve("pg.log"));
        assertThat(log).contains("received immediate shutdown request").doesNotContain("checkpoint starting: shutdown");
        stillOpen.close();

        EmbeddedPostgresServer again = EmbeddedPostgresServer.startOwned(dataDir);
        try (Connection c = connect(again.url("kept"));
                Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("SELECT count(*) FROM t")) {
            assertThat(Files.readString(dataDir.resolve("pg.log")))
                    .as("no checkpoint was written at the stop: the start recovers from the WAL")
                    .contains("automatic recovery in progress");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(1);
        } finally {
            again.discard();
        }
    }
}
