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
 *
 * <p>With {@code MINA_TEST_DATABASE_URL} set (a superuser URL of any reachable server, e.g. the PostgreSQL 15 of
 * {@code ../shared/tools/local-postgres}), the same tests run there instead: the template and the test databases are
 * created on that server and left for it to be thrown away.
 */
public final class TestDatabase {

    /** The environment variable naming an external server for the tests. */
    public static final String EXTERNAL = "MINA_TEST_DATABASE_URL";

    private static final String TEMPLATE =
            "mina_template_" + ProcessHandle.current().pid();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgresServer server;
    private static DatabaseUrl external;

    private TestDatabase() {}

    /** A new empty database with the MEGA tables, on the shared test server. */
    public static synchronized MegaDatabase fresh() {
        return MegaDatabase.open(freshUrl(), 16);
    }

    /** A new empty, migrated database; the caller connects itself. */
    public static synchronized DatabaseUrl freshUrl() {
        String name = "t_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        String externalUrl = System.getenv(EXTERNAL);
        if (externalUrl != null && !externalUrl.isBlank()) {
            if (external == null) {
                external = DatabaseUrl.parse(externalUrl);
                create(external, TEMPLATE, null);
                MegaDatabase.open(on(external, TEMPLATE), 2).close();
            }
            create(external, name, TEMPLATE);
            return on(external, name);
        }
        EmbeddedPostgresServer s = server();
        create(s.url("postgres"), name, TEMPLATE);
        return s.url(name);
    }

    /** A new database without the MEGA tables or a migration history (what Flyway meets on a first start). */
    public static synchronized DatabaseUrl emptyUrl() {
        freshUrl(); // starts the server (or reaches the external one) and makes the template
        String name = "e_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        DatabaseUrl server = external != null ? external : server().url("postgres");
        create(server, name, "template0");
        return on(server, name);
    }

    /** A new empty, migrated database as a {@code DATABASE_URL} value (for the apps' settings). */
    public static String freshDatabaseUrlSetting() {
        return freshUrl().setting();
    }

    private static void create(DatabaseUrl server, String name, String template) {
        try (Connection c = on(server, "postgres").connect();
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
    }

    /** The same server and credentials, another database. */
    private static DatabaseUrl on(DatabaseUrl server, String database) {
        String jdbc = server.jdbcUrl();
        int query = jdbc.indexOf('?');
        String base = query < 0 ? jdbc : jdbc.substring(0, query);
        String params = query < 0 ? "" : jdbc.substring(query);
        return new DatabaseUrl(
                base.substring(0, base.lastIndexOf('/') + 1) + database + params, server.user(), server.password());
    }

    /** The shared server (tests that need to restart it or read its port). */
    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            try {
                Path dir = Files.createTempDirectory("mina-test-pg");
                server = EmbeddedPostgresServer.startOwned(dir);
                // An owned server stops at exit even though the test JVM's own pools are still connected.
                // Its data directory (0.6 to 0.9 GB after a suite) goes with it, so test runs do not fill the disk.
                // Immediately: a clean stop's checkpoint of a directory about to be deleted outlasted surefire's
                // 30 s exit allowance on a busy machine (decision 048).
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    server.discard();
                                    deleteTree(dir);
                                },
                                "test-postgres-stop"));
                server.ensureDatabase(TEMPLATE);
                // Migrate the template once; every test database is a copy of it.
                MegaDatabase.open(server.url(TEMPLATE), 2).close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return server;
    }

    private static void deleteTree(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("could not delete the test server's directory " + dir + ": " + e);
        }
    }

    /** Runs SQL as the superuser on a test database (to try to break rules the database must enforce). */
    public static void execute(DatabaseUrl url, String sql) throws SQLException {
        try (Connection c = url.connect();
                Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
