package me.minav3.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.EmbeddedPostgresServer;
import me.minav3.adapters.postgres.MegaDatabase;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.GenerationQuery;

/**
 * Archive latency at depth: page 1 versus page 10,000 (20 items a page) of one customer's 1,000,000 generations,
 * through the ledger's keyset pagination, against the same pages read with OFFSET, on the same server in the same
 * run.
 *
 * <pre>bench/run ArchiveDepth [--rows 1000000] [--page 10000] [--repeat 200]</pre>
 */
public final class ArchiveDepth {

    private ArchiveDepth() {}

    public static void main(String[] args) throws Exception {
        int rows = ChargeThroughput.intArg(args, "--rows", 1_000_000);
        int page = ChargeThroughput.intArg(args, "--page", 10_000);
        int repeat = ChargeThroughput.intArg(args, "--repeat", 200);
        int size = 20;
        try (Scratch scratch = Scratch.create("mina-bench-archive");
                EmbeddedPostgresServer server = EmbeddedPostgresServer.startOwned(scratch.dir())) {
            server.ensureDatabase("bench");
            DatabaseUrl url = server.url("bench");
            try (MegaDatabase db = MegaDatabase.open(url, 4);
                    Connection c = url.connect()) {
                long loadStart = System.nanoTime();
                load(c, rows);
                System.out.printf(
                        Locale.ROOT, "loaded %,d generations in %.1f s%n", rows, (System.nanoTime() - loadStart) / 1e9);
                PassId passId = PassId.user("archive");
                int depth = (page - 1) * size;
                GenerationQuery.Cursor deepCursor = cursorAt(c, depth - 1);

                List<Double> keysetFirst = new ArrayList<>();
                List<Double> keysetDeep = new ArrayList<>();
                List<Double> offsetFirst = new ArrayList<>();
                List<Double> offsetDeep = new ArrayList<>();
                for (int i = 0; i < repeat; i++) {
                    keysetFirst.add(time(() -> db.generations().search(GenerationQuery.of(passId, size))));
                    keysetDeep.add(time(() -> db.generations()
                            .search(new GenerationQuery(passId, null, null, false, null, null, deepCursor, size))));
                    offsetFirst.add(time(() -> offset(c, 0, size)));
                    offsetDeep.add(time(() -> offset(c, depth, size)));
                }
                if (!db.generations()
                        .search(new GenerationQuery(passId, null, null, false, null, null, deepCursor, size))
                        .get(0)
                        .id()
                        .equals(firstOf(c, depth))) {
                    throw new IllegalStateException("keyset and offset pages differ");
                }
                report("keyset (ledger)", keysetFirst, keysetDeep, page);
                report("OFFSET (baseline)", offsetFirst, offsetDeep, page);
                System.out.printf(
                        Locale.ROOT,
                        "keyset deep/first: %.2f (target <= 1.5); OFFSET deep/first: %.2f%n",
                        Stats.median(keysetDeep) / Stats.median(keysetFirst),
                        Stats.median(offsetDeep) / Stats.median(offsetFirst));
            }
        }
    }

    private static void load(Connection c, int rows) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO public.mega_customers (mg_pass_id, mg_credits, mg_created_at, mg_updated_at) "
                    + "VALUES ('pass:user:archive', 0, now(), now()), ('pass:user:neighbour', 0, now(), now())");
            // The customer's million, plus a neighbour's rows interleaved in time (the index must skip them).
            s.execute("""
                    INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_mma_mode, mg_mma_status,
                           mg_prompt, mg_output_url, mg_mma_vars, mg_meta, mg_created_at, mg_updated_at)
                    SELECT 'generation:a' || i, 'generation', 'pass:user:archive', 'still', 'done', 'still life ' || i,
                           'https://assets.example/mma/still/a' || i || '.png',
                           jsonb_build_object('settings', jsonb_build_object('aspect_ratio', '4:5', 'style', 'None')),
                           '{}'::jsonb, timestamptz '2026-01-01' + i * interval '7 seconds', now()
                      FROM generate_series(1, %d) i""".formatted(rows));
            s.execute("""
                    INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_mma_mode, mg_mma_status,
                           mg_mma_vars, mg_meta, mg_created_at, mg_updated_at)
                    SELECT 'generation:n' || i, 'generation', 'pass:user:neighbour', 'still', 'done', '{}'::jsonb, '{}'::jsonb,
                           timestamptz '2026-01-01' + i * interval '7 seconds' + interval '3 seconds', now()
                      FROM generate_series(1, %d) i""".formatted(rows / 2));
            s.execute("ANALYZE public.mega_generations");
        }
    }

    private static GenerationQuery.Cursor cursorAt(Connection c, int position) throws Exception {
        try (PreparedStatement p = c.prepareStatement("""
                SELECT mg_created_at, mg_id FROM public.mega_generations
                 WHERE mg_pass_id = 'pass:user:archive' AND mg_record_type = 'generation'
                 ORDER BY mg_created_at DESC, mg_id DESC OFFSET ? LIMIT 1""")) {
            p.setInt(1, position);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return new GenerationQuery.Cursor(
                        rs.getObject(1, java.time.OffsetDateTime.class).toInstant(),
                        GenerationId.parse(rs.getString(2)));
            }
        }
    }

    private static GenerationId firstOf(Connection c, int offset) throws Exception {
        try (PreparedStatement p = c.prepareStatement("""
                SELECT mg_id FROM public.mega_generations
                 WHERE mg_pass_id = 'pass:user:archive' AND mg_record_type = 'generation'
                 ORDER BY mg_created_at DESC, mg_id DESC OFFSET ? LIMIT 1""")) {
            p.setInt(1, offset);
            try (ResultSet rs = p.executeQuery()) {
                rs.next();
                return GenerationId.parse(rs.getString(1));
            }
        }
    }

    /** The same columns and order the ledger reads, paged with OFFSET. */
    private static int offset(Connection c, int offset, int limit) {
        try (PreparedStatement p = c.prepareStatement("""
                SELECT mg_id, mg_pass_id, mg_session_id, mg_parent_id, mg_mma_mode, mg_mma_status, mg_prompt, mg_output_url,
                       mg_output_key, mg_provider, mg_model, mg_error, mg_mma_vars::text, mg_meta::text, mg_latency_ms,
                       mg_lease_owner, mg_lease_until, mg_attempts, mg_created_at, mg_updated_at
                  FROM public.mega_generations
                 WHERE mg_record_type = 'generation' AND mg_pass_id = 'pass:user:archive'
                 ORDER BY mg_created_at DESC, mg_id DESC OFFSET ? LIMIT ?""")) {
            p.setInt(1, offset);
            p.setInt(2, limit);
            int n = 0;
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    n++;
                }
            }
            return n;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double time(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return (System.nanoTime() - start) / 1e6;
    }

    private static void report(String name, List<Double> first, List<Double> deep, int page) {
        System.out.printf(
                Locale.ROOT,
                "%-18s page 1: median %.2f ms p95 %.2f ms | page %,d: median %.2f ms p95 %.2f ms%n",
                name,
                Stats.median(first),
                p95(first),
                page,
                Stats.median(deep),
                p95(deep));
    }

    private static double p95(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((int) Math.ceil(sorted.size() * 0.95) - 1);
    }
}
