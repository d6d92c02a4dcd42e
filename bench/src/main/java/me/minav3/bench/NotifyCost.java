package me.minav3.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import me.minav3.adapters.postgres.EmbeddedPostgresServer;
import me.minav3.adapters.postgres.MegaDatabase;
import me.minav3.adapters.postgres.PgNotifications;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;

/**
 * What the JVM spends to publish a burst of live lines (one {@code NOTIFY} round trip, as every stage of every still
 * does): {@link PgNotifications#publishAll} as the product sends it (plain JDBC, through the product's pool and
 * connection gate) against the same statement and bindings through Jdbi over a plain HikariCP pool (how it was sent
 * until session 46). One embedded PostgreSQL, one calling thread each, rounds alternating after an uncounted warm-up
 * round of each; the figure is the calling thread's CPU per call (its own work and the driver's, not the server's).
 *
 * <pre>bench/run NotifyCost [--calls 20000] [--rounds 5] [--lines 3]</pre>
 */
public final class NotifyCost {

    private static final String JDBI_PUBLISH = """
            SELECT pg_notify(:channel, p)
              FROM (SELECT set_config('synchronous_commit', 'off', true)) AS relaxed,
                   unnest(CAST(:payloads AS text[])) AS p""";

    private NotifyCost() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.of(argv);
        int calls = args.integer("--calls", 20_000);
        int rounds = args.integer("--rounds", 5);
        int lines = args.integer("--lines", 3);
        List<String> burst = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            burst.add("{\"generation_id\":\"generation:bench-" + i + "\",\"type\":\"line\",\"text\":\"Writing your"
                    + " prompt…\",\"status\":\"prompting\"}");
        }
        try (Scratch scratch = Scratch.create("mina-bench-notify");
                EmbeddedPostgresServer server = EmbeddedPostgresServer.startOwned(scratch.dir())) {
            server.ensureDatabase("notify");
            var url = server.url("notify");
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url.jdbcUrl());
            config.setUsername(url.user());
            config.setPassword(url.password());
            config.setMaximumPoolSize(2);
            try (MegaDatabase db = MegaDatabase.open(url, 2);
                    HikariDataSource pool = new HikariDataSource(config)) {
                PgNotifications product = db.notifications();
                Jdbi jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
                Consumer<List<String>> viaJdbi = payloads -> jdbi.useHandle(h -> h.createQuery(JDBI_PUBLISH)
                        .bind("channel", "mina_live")
                        .bind("payloads", payloads.toArray(String[]::new))
                        .mapTo(String.class)
                        .list());
                Consumer<List<String>> viaJdbc = product::publishAll;
                round(viaJdbi, burst, calls); // warm-up rounds, not counted
                round(viaJdbc, burst, calls);
                List<Double> jdbiMicros = new ArrayList<>();
                List<Double> jdbcMicros = new ArrayList<>();
                for (int r = 1; r <= rounds; r++) {
                    jdbiMicros.add(round(viaJdbi, burst, calls));
                    jdbcMicros.add(round(viaJdbc, burst, calls));
                    System.out.printf(
                            Locale.ROOT,
                            "round %d: Jdbi %.1f µs of CPU per call, plain JDBC (publishAll) %.1f µs%n",
                            r,
                            jdbiMicros.getLast(),
                            jdbcMicros.getLast());
                }
                double jdbiMedian = Stats.median(jdbiMicros);
                double jdbcMedian = Stats.median(jdbcMicros);
                System.out.printf(
                        Locale.ROOT,
                        "median: Jdbi %.1f µs, plain JDBC %.1f µs per call of %d lines (%.2f x)%n",
                        jdbiMedian,
                        jdbcMedian,
                        lines,
                        jdbcMedian / jdbiMedian);
            }
        }
    }

    /** The calling thread's CPU per call, in microseconds, over {@code calls} calls. */
    private static double round(Consumer<List<String>> publish, List<String> burst, int calls) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            publish.accept(burst);
        }
        return (threads.getCurrentThreadCpuTime() - before) / 1e3 / calls;
    }
}
