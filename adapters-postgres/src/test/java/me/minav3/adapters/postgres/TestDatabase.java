package me.minav3.adapters.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One real PostgreSQL server per test JVM (the embedded server in a temp directory) and a fresh, migrated
 * database per caller, cloned from a template in milliseconds.
 */
public final class TestDatabase {

    private static final String TEMPLATE = "mina_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgresServer server;

    private TestDatabase() {
    }

    /** A new empty database with the MEGA tables, on the shared test server. */
    public static synchronized MegaDatabase fresh() {
        return MegaDatabase.open(freshUrl(), 16);
    }

    /** A new empty, migrated database; the caller connects itself. */
    public static synchronized DatabaseUrl freshUrl() {
        EmbeddedPostgresServer s = server();
        String name = "t_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = s.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database", e);
        }
        return s.url(name);
    }

    /** A new empty, migrated database as a {@code DATABASE_URL} value (for the apps' settings). */
    public static String freshDatabaseUrlSetting() {
        DatabaseUrl url = freshUrl();
        return url.jdbcUrl() + "?user=" + url.user();
    }

    /** The shared server (tests that need to restart it or read its port). */
    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("mina-test-pg");
                server = EmbeddedPostgresServer.startOwned(dir);
                // An owned server stops at exit even though the test JVM's own pools are still connected.
                Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-postgres-stop"));
                server.ensureDatabase(TEMPLATE);
                // Migrate the template once; every test database is a copy of it.
                MegaDatabase.open(server.url(TEMPLATE), 2).close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    /** Runs SQL as the superuser on a test database (to try to break rules the database must enforce). */
    public static void execute(DatabaseUrl url, String sql) throws SQLException {
        try (Connection c = java.sql.DriverManager.getConnection(url.jdbcUrl(), url.user(), "");
             Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
