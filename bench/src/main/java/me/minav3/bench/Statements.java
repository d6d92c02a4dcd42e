package me.minav3.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import me.minav3.adapters.postgres.DatabaseUrl;

/**
 * What PostgreSQL ran, from {@code pg_stat_statements}: loaded into an embedded server the harness owns, reset
 * before the counted phase, read after it. A harness's own look at where the database's time goes, per unit of
 * work (a still, a generation).
 */
final class Statements {

    private Statements() {}

    /**
     * Loads {@code pg_stat_statements}: sets it to be preloaded, lets {@code restart} restart the server, then creates
     * the extension in {@code url}'s database.
     */
    static void load(DatabaseUrl url, Runnable restart) throws SQLException {
        try (Connection c = url.connect();
                var s = c.createStatement()) {
            s.execute("ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
            s.execute("ALTER SYSTEM SET pg_stat_statements.track_utility = off");
            s.execute("ALTER SYSTEM SET pg_stat_statements.track_planning = on");
        }
        restart.run();
        try (Connection c = url.connect();
                var s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        }
    }

    /** Forgets what was counted so far. */
    static void reset(DatabaseUrl url) throws SQLException {
        try (Connection c = url.connect();
                var s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /**
     * The statements that took the most execution time since the last {@link #reset}, per {@code units} (calls and
     * milliseconds each), then the whole: one line each, the largest first.
     */
    static String byTime(DatabaseUrl url, int units, String unit, int lines) throws SQLException {
        StringBuilder text = new StringBuilder();
        try (Connection c = url.connect();
                var s = c.createStatement();
                var rs = s.executeQuery(
                        "SELECT calls, total_exec_time, total_plan_time, regexp_replace(left(query, 90), '\\s+', ' ', 'g')"
                                + " FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%'"
                                + " ORDER BY total_exec_time DESC")) {
            double calls = 0;
            double ms = 0;
            double planMs = 0;
            int shown = 0;
            while (rs.next()) {
                double perUnitCalls = rs.getLong(1) / (double) units;
                double perUnitMs = rs.getDouble(2) / units;
                double perUnitPlanMs = rs.getDouble(3) / units;
                calls += perUnitCalls;
                ms += perUnitMs;
                planMs += perUnitPlanMs;
                if (shown++ < lines) {
                    text.append(String.format(
                            Locale.ROOT,
                            "    %6.3f ms/%s (+%5.3f planning)  %6.2f calls/%s  %s%n",
                            perUnitMs,
                            unit,
                            perUnitPlanMs,
                            perUnitCalls,
                            unit,
                            rs.getString(4)));
                }
            }
            text.append(String.format(
                    Locale.ROOT,
                    "    %6.3f ms/%s (+%5.3f planning)  %6.2f calls/%s  in all (execution time inside PostgreSQL)",
                    ms,
                    unit,
                    planMs,
                    calls,
                    unit));
        }
        return text.toString();
    }

    /** The updates between two {@link #table} readings, per {@code units}, and their HOT share. */
    static String updatesBetween(Table before, Table after, int units, String unit) {
        long updates = after.updates() - before.updates();
        long hot = after.hotUpdates() - before.hotUpdates();
        return String.format(
                Locale.ROOT,
                "    MEGA_GENERATIONS updates: %.2f/%s, %.0f %% of them HOT",
                updates / (double) units,
                unit,
                updates == 0 ? 0.0 : 100.0 * hot / updates);
    }

    /**
     * MEGA_GENERATIONS' counters so far, as counted: sequential scans and the rows they read, index scans and the rows
     * they fetched, row updates and how many of them were HOT (no new index entries), and its live and dead row
     * versions now.
     */
    record Table(
            long seqScans,
            long seqRows,
            long indexScans,
            long indexRows,
            long updates,
            long hotUpdates,
            long live,
            long dead) {

        /** Before any reading. */
        static final Table NONE = new Table(0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** MEGA_GENERATIONS' {@link Table} counters now. */
    static Table table(DatabaseUrl url) throws SQLException {
        try (Connection c = url.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT seq_scan, seq_tup_read, coalesce(idx_scan, 0),"
                        + " coalesce(idx_tup_fetch, 0), n_tup_upd, n_tup_hot_upd, n_live_tup, n_dead_tup"
                        + " FROM pg_stat_user_tables WHERE relname = 'mega_generations'")) {
            return rs.next()
                    ? new Table(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getLong(6),
                            rs.getLong(7),
                            rs.getLong(8))
                    : Table.NONE;
        }
    }

    /**
     * The reads of MEGA_GENERATIONS between two {@link #table} readings per {@code units}: a plan that reads the whole
     * table where an index would do shows as sequential rows, and index ranges crowded with dead entries as fetched
     * rows per index scan. Ends with the table's live and dead row versions after.
     */
    static String scansBetween(Table before, Table after, int units, String unit) {
        long indexScans = after.indexScans() - before.indexScans();
        return String.format(
                Locale.ROOT,
                "MEGA_GENERATIONS read: %.2f sequential scans/%s (%.0f rows/%s), %.1f index scans/%s (%.1f rows each);"
                        + " rows now %d live, %d dead",
                (after.seqScans() - before.seqScans()) / (double) units,
                unit,
                (after.seqRows() - before.seqRows()) / (double) units,
                unit,
                indexScans / (double) units,
                unit,
                indexScans == 0 ? 0.0 : (after.indexRows() - before.indexRows()) / (double) indexScans,
                after.live(),
                after.dead());
    }

    /**
     * What a generation's JSON weighs, averaged over the newest {@code sample} generations and their step rows: the
     * vars document and a step's payload, each as text (what a write sends and PostgreSQL parses) and as stored
     * (after TOAST's compression, which every write of the value pays again).
     */
    static String jsonSizes(DatabaseUrl url, int sample) throws SQLException {
        try (Connection c = url.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("""
                        WITH newest AS (
                            SELECT mg_id, mg_mma_vars FROM public.mega_generations
                             WHERE mg_record_type = 'generation' ORDER BY mg_created_at DESC LIMIT %d),
                        steps AS (
                            SELECT st.mg_payload FROM public.mega_generations st JOIN newest n ON st.mg_generation_id = n.mg_id
                             WHERE st.mg_record_type = 'mma_step')
                        SELECT (SELECT avg(octet_length(mg_mma_vars::text)) FROM newest),
                               (SELECT avg(pg_column_size(mg_mma_vars)) FROM newest),
                               (SELECT avg(octet_length(mg_payload::text)) FROM steps),
                               (SELECT avg(pg_column_size(mg_payload)) FROM steps),
                               (SELECT count(*) FROM steps)::float8 / greatest((SELECT count(*) FROM newest), 1),
                               current_setting('default_toast_compression')""".formatted(sample))) {
            rs.next();
            return String.format(
                    Locale.ROOT,
                    "JSON per generation: vars %.0f bytes as text, %.0f stored; %.1f step payloads of %.0f bytes as text,"
                            + " %.0f stored (TOAST compression %s)",
                    rs.getDouble(1),
                    rs.getDouble(2),
                    rs.getDouble(5),
                    rs.getDouble(3),
                    rs.getDouble(4),
                    rs.getString(6));
        }
    }

    /**
     * Where a batch's wall time went, by tenth of the batch in the order its generations were created: when the tenth
     * was created (seconds after {@code since}, median), how long until its first stage began, how long its stages
     * took beyond {@code providerMs} for each stage that calls a provider (every stage but the local
     * {@code like_history}), how long it spent between stages (a stage's write and the next stage's start), and when the
     * tenth's last generation finished (the last stage's write is its finish). Medians, in seconds; generations that
     * did not end {@code done} are left out.
     */
    static String timeline(DatabaseUrl url, Instant since, long providerMs) throws SQLException {
        StringBuilder text = new StringBuilder(
                "timeline by tenth of the batch (s): created, to first stage, in stages beyond the providers,"
                        + " between stages, last finished\n");
        try (Connection c = url.connect();
                var s = c.prepareStatement("""
                        WITH g AS (
                            SELECT mg_id, mg_created_at AS created, mg_updated_at AS finished
                              FROM public.mega_generations
                             WHERE mg_record_type = 'generation' AND mg_mma_status = 'done' AND mg_created_at >= ?),
                        st AS (
                            SELECT s.mg_generation_id AS id, s.mg_step_type AS type,
                                   (s.mg_payload->'timing'->>'started_at')::timestamptz AS started,
                                   (s.mg_payload->'timing'->>'ended_at')::timestamptz AS ended
                              FROM public.mega_generations s JOIN g ON s.mg_parent_id = g.mg_id
                             WHERE s.mg_record_type = 'mma_step'),
                        per AS (
                            SELECT ntile(10) OVER (ORDER BY g.created) AS tenth,
                                   extract(epoch FROM g.created - ?) AS created,
                                   extract(epoch FROM min(st.started) - g.created) AS to_first,
                                   sum(extract(epoch FROM st.ended - st.started))
                                       - count(*) FILTER (WHERE st.type <> 'like_history') * ? / 1000.0 AS beyond,
                                   extract(epoch FROM max(st.ended) - min(st.started))
                                       - sum(extract(epoch FROM st.ended - st.started)) AS between_stages,
                                   extract(epoch FROM g.finished - ?) AS finished
                              FROM g JOIN st ON st.id = g.mg_id
                             GROUP BY g.mg_id, g.created, g.finished)
                        SELECT tenth, percentile_cont(0.5) WITHIN GROUP (ORDER BY created),
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY to_first),
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY beyond),
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY between_stages),
                               max(finished)
                          FROM per GROUP BY tenth ORDER BY tenth""")) {
            var at = since.atOffset(ZoneOffset.UTC);
            s.setObject(1, at);
            s.setObject(2, at);
            s.setLong(3, providerMs);
            s.setObject(4, at);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    text.append(String.format(
                            Locale.ROOT,
                            "  %2d: %6.2f %6.2f %6.2f %6.2f %6.2f%n",
                            rs.getInt(1),
                            rs.getDouble(2),
                            rs.getDouble(3),
                            rs.getDouble(4),
                            rs.getDouble(5),
                            rs.getDouble(6)));
                }
            }
        }
        return text.toString().stripTrailing();
    }

    /**
     * WAL written, checkpoints completed and autovacuum and autoanalyze runs ended since the server's statistics began,
     * as far as backends have flushed them.
     */
    record Wal(long records, long fullPageImages, long bytes, long checkpoints, long autovacuums, long autoanalyzes) {}

    /** The server's {@link Wal} counters now. */
    static Wal wal(DatabaseUrl url) throws SQLException {
        try (Connection c = url.connect();
                var s = c.createStatement()) {
            long checkpoints;
            // PostgreSQL 17 moved the checkpointer's counters out of pg_stat_bgwriter.
            try (var rs = s.executeQuery(
                    c.getMetaData().getDatabaseMajorVersion() >= 17
                            ? "SELECT num_done FROM pg_stat_checkpointer"
                            : "SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter")) {
                rs.next();
                checkpoints = rs.getLong(1);
            }
            long autovacuums;
            long autoanalyzes;
            try (var rs = s.executeQuery(
                    "SELECT coalesce(sum(autovacuum_count), 0), coalesce(sum(autoanalyze_count), 0) FROM pg_stat_user_tables")) {
                rs.next();
                autovacuums = rs.getLong(1);
                autoanalyzes = rs.getLong(2);
            }
            try (var rs = s.executeQuery("SELECT wal_records, wal_fpi, wal_bytes FROM pg_stat_wal")) {
                rs.next();
                return new Wal(rs.getLong(1), rs.getLong(2), rs.getLong(3), checkpoints, autovacuums, autoanalyzes);
            }
        }
    }

    /**
     * The WAL between two {@link #wal} readings per {@code units}: its size, its records, how many of them were full
     * images of a page (the first change to a page after a checkpoint began logs the whole page), the checkpoints that
     * completed meanwhile (one spreads over most of {@code checkpoint_timeout}, and its page images begin when it
     * begins) and the autovacuum and autoanalyze runs that ended meanwhile (their CPU counts as PostgreSQL's).
     */
    static String walBetween(Wal before, Wal after, int units, String unit) {
        long records = after.records() - before.records();
        long images = after.fullPageImages() - before.fullPageImages();
        return String.format(
                Locale.ROOT,
                "WAL: %.1f KB/%s, %.1f records/%s, %.2f full-page images/%s (%.0f %% of the records);"
                        + " ended meanwhile: checkpoints %d, autovacuums %d, autoanalyzes %d",
                (after.bytes() - before.bytes()) / 1e3 / units,
                unit,
                records / (double) units,
                unit,
                images / (double) units,
                unit,
                records == 0 ? 0.0 : 100.0 * images / records,
                after.checkpoints() - before.checkpoints(),
                after.autovacuums() - before.autovacuums(),
                after.autoanalyzes() - before.autoanalyzes());
    }
}
