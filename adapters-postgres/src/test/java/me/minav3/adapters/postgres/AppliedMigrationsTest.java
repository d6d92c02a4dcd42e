package me.minav3.adapters.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Decision 050: a database that has applied exactly this build's migrations is opened without Flyway (one query
 * instead of Flyway's scan, lock and validation); every other database still goes through Flyway, which migrates it
 * under its lock or refuses it as before. What Flyway did is seen in what it logs.
 */
class AppliedMigrationsTest {

    private final Logger flywayLog = (Logger) LoggerFactory.getLogger("org.flywaydb");
    private final ListAppender<ILoggingEvent> flyway = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void listenToFlyway() {
        levelBefore = flywayLog.getLevel();
        flywayLog.setLevel(Level.DEBUG);
        flyway.start();
        flywayLog.addAppender(flyway);
    }

    @AfterEach
    void stopListening() {
        flywayLog.detachAppender(flyway);
        flywayLog.setLevel(levelBefore);
    }

    @Test
    void aDatabaseWithThisBuildsMigrationsIsOpenedWithoutFlyway() {
        DatabaseUrl url = TestDatabase.freshUrl(); // migrated by Flyway (a copy of the template)
        flyway.list.clear(); // the template's own migration, when this test runs first

        MegaDatabase.open(url, 2).close();

        assertThat(flyway.list).as("what Flyway logged").isEmpty();
    }

    @Test
    void theChecksumsComputedHereAreTheOnesFlywayRecorded() throws SQLException {
        DatabaseUrl url = TestDatabase.freshUrl();

        assertThat(AppliedMigrations.shipped())
                .hasSizeGreaterThanOrEqualTo(7)
                .containsExactlyInAnyOrderElementsOf(history(url));
    }

    @Test
    void aNewDatabaseIsMigratedByFlywayAndTheNextOpenSkipsIt() throws SQLException {
        DatabaseUrl url = TestDatabase.emptyUrl();

        MegaDatabase.open(url, 2).close();

        assertThat(flyway.list).as("Flyway migrated").isNotEmpty();
        assertThat(history(url)).containsExactlyInAnyOrderElementsOf(AppliedMigrations.shipped());
        flyway.list.clear();
        MegaDatabase.open(url, 2).close();
        assertThat(flyway.list).as("what Flyway logged on the second open").isEmpty();
    }

    @Test
    void twoProcessesOpeningOneNewDatabaseAtOnceMigrateItOnce() throws Exception {
        DatabaseUrl url = TestDatabase.emptyUrl();
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> opens = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                opens.add(two.submit(() -> MegaDatabase.open(url, 2).close()));
            }
            for (Future<?> open : opens) {
                open.get();
            }
        } finally {
            two.shutdownNow();
        }

        assertThat(history(url)).containsExactlyInAnyOrderElementsOf(AppliedMigrations.shipped());
    }

    @Test
    void aChangedMigrationIsStillRefusedByFlyway() throws SQLException {
        DatabaseUrl url = TestDatabase.freshUrl();
        TestDatabase.execute(
                url, "UPDATE mina_flyway.flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

        assertThatThrownBy(() -> MegaDatabase.open(url, 2).close()).hasMessageContaining("checksum mismatch");
    }

    @Test
    void aFailedMigrationIsStillRefusedByFlyway() throws SQLException {
        DatabaseUrl url = TestDatabase.freshUrl();
        TestDatabase.execute(url, "UPDATE mina_flyway.flyway_schema_history SET success = false WHERE version = '7'");

        assertThatThrownBy(() -> MegaDatabase.open(url, 2).close()).hasMessageContaining("failed migration");
    }

    @Test
    void aSchemaNewerThanThisBuildIsLeftToFlyway() throws SQLException {
        DatabaseUrl url = TestDatabase.freshUrl();
        TestDatabase.execute(url, """
                INSERT INTO mina_flyway.flyway_schema_history
                       (installed_rank, version, description, type, script, checksum, installed_by, execution_time,
                        success)
                VALUES (99, '99', 'from a newer build', 'SQL', 'V99__from_a_newer_build.sql', 1, 'mina', 1, true)""");

        MegaDatabase.open(url, 2).close();

        assertThat(flyway.list)
                .as("Flyway's word on a schema newer than the build")
                .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("newer"));
    }

    private static List<AppliedMigrations.Migration> history(DatabaseUrl url) throws SQLException {
        try (Connection c = url.connect();
                Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("""
                        SELECT version, script, checksum FROM mina_flyway.flyway_schema_history
                         WHERE type <> 'SCHEMA'""")) {
            List<AppliedMigrations.Migration> applied = new ArrayList<>();
            while (rows.next()) {
                applied.add(new AppliedMigrations.Migration(
                        rows.getString("version"), rows.getString("script"), rows.getInt("checksum")));
            }
            return applied;
        }
    }
}
