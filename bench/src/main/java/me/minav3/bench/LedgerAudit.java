package me.minav3.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import me.minav3.adapters.postgres.DatabaseUrl;

/**
 * What a load or chaos run must leave behind, read straight from the MEGA tables: every generation finished
 * ({@code done} or {@code error}), each charged exactly once, a failed one refunded exactly once and a finished one
 * never, and every balance equal to its ledger sum.
 */
public final class LedgerAudit {

    /** The findings of one audit. */
    public record Report(
            long generations,
            long done,
            long failed,
            long unfinished,
            long refunds,
            List<String> problems,
            long drifts,
            java.time.Instant lastFinished) {

        public boolean clean() {
            return unfinished == 0 && problems.isEmpty() && drifts == 0;
        }

        public String describe() {
            return "generations=" + generations + " done=" + done + " error=" + failed + " unfinished=" + unfinished
                    + " refunds=" + refunds + " ledger_problems=" + problems.size() + " balance_drifts=" + drifts
                    + (problems.isEmpty()
                            ? ""
                            : " first_problems=" + problems.subList(0, Math.min(5, problems.size())));
        }
    }

    private static final String PER_GENERATION = """
            SELECT g.mg_id, g.mg_mma_status, COALESCE((g.mg_meta->>'cost')::bigint, 0) AS cost,
                   count(c.mg_id) FILTER (WHERE c.mg_delta < 0) AS charges,
                   count(c.mg_id) FILTER (WHERE c.mg_delta > 0) AS refunds,
                   COALESCE(sum(c.mg_delta), 0) AS net
              FROM public.mega_generations g
              LEFT JOIN public.mega_generations c
                     ON c.mg_record_type = 'credit_transaction' AND c.mg_ref_type = 'generation' AND c.mg_ref_id = g.mg_id
             WHERE g.mg_record_type = 'generation'
             GROUP BY g.mg_id, g.mg_mma_status, g.mg_meta""";

    private static final String DRIFTS = """
            SELECT count(*) FROM public.mega_customers cu
             WHERE cu.mg_credits <> COALESCE((SELECT sum(t.mg_delta) FROM public.mega_generations t
                                               WHERE t.mg_record_type = 'credit_transaction'
                                                 AND t.mg_pass_id = cu.mg_pass_id), 0)""";

    private LedgerAudit() {}

    public static Report run(DatabaseUrl url) {
        try (Connection c = url.connect();
                Statement s = c.createStatement()) {
            long generations = 0;
            long done = 0;
            long failed = 0;
            long unfinished = 0;
            long refunds = 0;
            List<String> problems = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(PER_GENERATION)) {
                while (rs.next()) {
                    generations++;
                    String id = rs.getString(1);
                    String status = rs.getString(2);
                    long cost = rs.getLong(3);
                    long charges = rs.getLong(4);
                    long refunded = rs.getLong(5);
                    long net = rs.getLong(6);
                    refunds += refunded;
                    if (charges != (cost > 0 ? 1 : 0)) {
                        problems.add(id + " charged " + charges + " times");
                    }
                    switch (status) {
                        case "done" -> {
                            done++;
                            if (refunded != 0 || net != -cost) {
                                problems.add(id + " done but refunded " + refunded + " (net " + net + ")");
                            }
                        }
                        case "error" -> {
                            failed++;
                            if (refunded != charges || net != 0) {
                                problems.add(id + " failed with " + refunded + " refunds (net " + net + ")");
                            }
                        }
                        default -> unfinished++;
                    }
                }
            }
            long drifts;
            try (ResultSet rs = s.executeQuery(DRIFTS)) {
                rs.next();
                drifts = rs.getLong(1);
            }
            java.time.Instant last;
            try (ResultSet rs = s.executeQuery("SELECT max(mg_updated_at) FROM public.mega_generations "
                    + "WHERE mg_record_type = 'generation' AND mg_mma_status IN ('done', 'error')")) {
                rs.next();
                last = rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant();
            }
            return new Report(generations, done, failed, unfinished, refunds, problems, drifts, last);
        } catch (SQLException e) {
            throw new IllegalStateException("could not audit the ledger: " + e.getMessage(), e);
        }
    }

    /** Generations not yet done or failed. */
    private static final String UNFINISHED = "SELECT count(*) FROM public.mega_generations WHERE mg_record_type = "
            + "'generation' AND mg_mma_status NOT IN ('done', 'error')";

    /**
     * Whether any generation is not yet done or failed: stops at the first one found, where counting them read every
     * generation in flight (2,000 in P3, ten times a second: 0.3 ms of PostgreSQL's time per still, session 39).
     */
    private static final String ANY_UNFINISHED = "SELECT count(*) FROM (SELECT 1 FROM public.mega_generations WHERE "
            + "mg_record_type = 'generation' AND mg_mma_status NOT IN ('done', 'error') LIMIT 1) AS any_unfinished";

    public static long unfinished(DatabaseUrl url) {
        try (Watch watch = watch(url)) {
            return watch.unfinished();
        }
    }

    /** Counts unfinished generations again and again on one connection (opened again after a database restart). */
    public static Watch watch(DatabaseUrl url) {
        return new Watch(url);
    }

    /** See {@link #watch}. */
    public static final class Watch implements AutoCloseable {

        private final DatabaseUrl url;
        private Connection connection;

        private Watch(DatabaseUrl url) {
            this.url = url;
        }

        /** The number of generations not yet done or failed, or -1 while the database cannot be reached. */
        public long unfinished() {
            return number(UNFINISHED);
        }

        /** Whether every generation is done or failed (false while the database cannot be reached). */
        public boolean allFinished() {
            return number(ANY_UNFINISHED) == 0;
        }

        private long number(String query) {
            try {
                if (connection == null) {
                    connection = url.connect();
                }
                try (Statement s = connection.createStatement();
                        ResultSet rs = s.executeQuery(query)) {
                    rs.next();
                    return rs.getLong(1);
                }
            } catch (SQLException e) {
                close(); // the database is restarting: connect again next time
                return -1;
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // already gone
                }
                connection = null;
            }
        }
    }
}
