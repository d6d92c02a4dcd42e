package me.minav3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.EmbeddedPostgresServer;
import me.minav3.adapters.postgres.MegaDatabase;
import org.jspecify.annotations.Nullable;

/**
 * What MEGA_GENERATIONS' row rules cost the statements that write it (decision 065). pgbench runs the pipeline's step
 * write (the lease-guarded update of a generation and the insert of its step row, one statement, as
 * {@code LeaseWrites} sends it) and the ledger's debit (the credit row, then the balance, as {@code JdbiCredits}
 * sends it), prepared as the product's driver prepares them, against two databases on one embedded PostgreSQL: one
 * migrated up to V10, where the rules are V1's ten CHECK constraints, and one migrated to this build, where they are
 * one CHECK calling {@code mega_generations_rules} (V11). The same rows are seeded in both; rounds alternate between
 * them after an uncounted warm-up round of each, so machine noise hits both alike.
 *
 * <pre>bench/run RuleCost [--clients 2] [--seconds 10] [--rounds 5]</pre>
 */
public final class RuleCost {

    private static final int CUSTOMERS = 400;
    private static final int GENERATIONS = 2_000;

    /** pgbench sees ":name" inside a quoted literal as a variable when it prepares: the ids spell ':' as chr(58). */
    private static final String STEP_WRITE = """
            \\set g random(1, %d)
            \\set s random(1, 1000000000000)
            WITH g AS (
                UPDATE public.mega_generations
                   SET mg_mma_status = 'generating', mg_mma_vars = CAST(:vars AS jsonb), mg_updated_at = now()
                 WHERE mg_id = 'generation' || chr(58) || CAST(:g AS text) AND mg_lease_owner = 'bench'
                   AND mg_mma_status NOT IN ('done', 'error')
                RETURNING mg_pass_id, set_config('synchronous_commit', 'off', true) AS relaxed),
            s AS (INSERT INTO public.mega_generations
                         (mg_id, mg_record_type, mg_pass_id, mg_generation_id, mg_parent_id, mg_step_no, mg_step_type,
                          mg_status, mg_payload, mg_latency_ms, mg_created_at, mg_updated_at)
                  SELECT 'mma_step' || chr(58) || CAST(:s AS text) || '-' || CAST(:client_id AS text), 'mma_step',
                         g.mg_pass_id, 'generation' || chr(58) || CAST(:g AS text),
                         'generation' || chr(58) || CAST(:g AS text), 3, 'seedream_generate', 'ok',
                         CAST(:payload AS jsonb), 2000, now(), now() FROM g
                  ON CONFLICT (mg_id) DO NOTHING)
            SELECT count(*) FROM g;
            """.formatted(GENERATIONS);

    private static final String DEBIT = """
            \\set p random(1, %d)
            \\set t random(1, 1000000000000)
            WITH ledger_row AS (
                INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_delta, mg_reason, mg_source,
                                                     mg_ref_type, mg_ref_id, mg_meta, mg_created_at, mg_updated_at)
                VALUES ('credit_transaction' || chr(58) || 'gen' || chr(58) || CAST(:t AS text) || '-'
                            || CAST(:client_id AS text),
                        'credit_transaction', 'pass' || chr(58) || 'user' || chr(58) || 'r' || CAST(:p AS text), -1,
                        'generation', 'bench', 'generation', 'generation' || chr(58) || 'x', '{}'::jsonb, now(), now())
                ON CONFLICT (mg_id) DO NOTHING RETURNING mg_id),
            debited AS (
                UPDATE public.mega_customers SET mg_credits = mg_credits - 1, mg_updated_at = now()
                 WHERE mg_pass_id = 'pass' || chr(58) || 'user' || chr(58) || 'r' || CAST(:p AS text)
                   AND NOT mg_disabled AND mg_credits >= 1 AND (mg_expires_at IS NULL OR mg_expires_at > now())
                   AND EXISTS (SELECT 1 FROM ledger_row) RETURNING mg_credits)
            SELECT EXISTS (SELECT 1 FROM ledger_row) AS inserted, (SELECT mg_credits FROM debited) AS balance;
            """.formatted(CUSTOMERS);

    /**
     * The vars document a step write stores whole and a step's payload, as bound values (pgbench {@code -D}): about
     * 1.7 and 2.3 KB of text, a still's sizes (docs/benchmarks.md, "JSON per still").
     */
    private static final List<String> VALUES = List.of("-D", "vars=" + document(40, "k"), "-D", "payload=" + payload());

    /** Customers with a balance (and its ledger row), and generations leased to "bench" with a vars document. */
    private static final String SEED = """
            INSERT INTO public.mega_customers (mg_pass_id, mg_credits, mg_created_at, mg_updated_at)
            SELECT 'pass:user:r' || i, 1000000000, now(), now() FROM generate_series(1, %1$d) i;
            INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_delta, mg_reason, mg_source,
                                                 mg_created_at, mg_updated_at)
            SELECT 'credit_transaction:grant:r' || i, 'credit_transaction', 'pass:user:r' || i, 1000000000, 'grant',
                   'bench', now(), now() FROM generate_series(1, %1$d) i;
            INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_mma_mode, mg_mma_status,
                                                 mg_mma_vars, mg_lease_owner, mg_lease_until, mg_created_at,
                                                 mg_updated_at)
            SELECT 'generation:' || i, 'generation', 'pass:user:r' || (i %% %1$d + 1), 'still', 'generating',
                   (SELECT jsonb_object_agg('k' || j, md5(i::text || j::text)) FROM generate_series(1, 40) j),
                   'bench', now() + interval '1 day', now(), now()
              FROM generate_series(1, %2$d) i;
            ANALYZE public.mega_customers;
            ANALYZE public.mega_generations;
            """.formatted(CUSTOMERS, GENERATIONS);

    private RuleCost() {}

    public static void main(String[] argv) throws Exception {
        Args args = Args.of(argv);
        int clients = args.integer("--clients", 2);
        int seconds = args.integer("--seconds", 10);
        int rounds = args.integer("--rounds", 5);
        try (Scratch scratch = Scratch.create("mina-bench-rules");
                EmbeddedPostgresServer server = EmbeddedPostgresServer.startOwned(scratch.dir())) {
            Map<String, String> schemas = new LinkedHashMap<>();
            schemas.put("V10 (ten CHECKs)", migrated(server, "rules_v10", "10"));
            schemas.put("this build (one CHECK, V11)", migrated(server, "rules_now", null));
            for (String database : schemas.values()) {
                execute(server.url(database), SEED);
            }
            Map<String, Path> scripts = new LinkedHashMap<>();
            scripts.put("step write", script("step", STEP_WRITE));
            scripts.put("debit", script("debit", DEBIT));
            for (var script : scripts.entrySet()) {
                Map<String, List<Double>> tps = new LinkedHashMap<>();
                for (int round = 0; round <= rounds; round++) {
                    for (var schema : schemas.entrySet()) {
                        double measured = ChargeThroughput.pgbench(
                                server.port(), script.getValue(), clients, seconds, schema.getValue(), options());
                        if (round > 0) { // round 0 warms both up
                            tps.computeIfAbsent(schema.getKey(), k -> new ArrayList<>())
                                    .add(measured);
                        }
                    }
                }
                List<Double> medians = new ArrayList<>();
                for (var side : tps.entrySet()) {
                    double median = Stats.median(side.getValue());
                    medians.add(median);
                    System.out.printf(
                            Locale.ROOT,
                            "%s, %s: %s tx/s, median %.0f%n",
                            script.getKey(),
                            side.getKey(),
                            side.getValue().stream()
                                    .map(v -> String.format(Locale.ROOT, "%.0f", v))
                                    .toList(),
                            median);
                }
                System.out.printf(
                        Locale.ROOT,
                        "%s: this build / V10 = %.2f (%d clients, %d s rounds)%n",
                        script.getKey(),
                        medians.get(1) / medians.get(0),
                        clients,
                        seconds);
            }
        }
    }

    /** A database migrated up to {@code target} (all of this build's migrations when null); answers its name. */
    private static String migrated(EmbeddedPostgresServer server, String name, @Nullable String target) {
        server.ensureDatabase(name);
        DatabaseUrl url = server.url(name);
        if (target == null) {
            MegaDatabase.open(url, 2).close();
        } else {
            MegaDatabase.migrateUpTo(url, target);
        }
        return name;
    }

    /** Prepared, as the product's driver prepares a statement it runs often, with the bound JSON values. */
    private static String[] options() {
        List<String> options = new ArrayList<>(List.of("-M", "prepared"));
        options.addAll(VALUES);
        return options.toArray(String[]::new);
    }

    /** A JSON object of {@code keys} string fields, 32 hex digits each. */
    private static String document(int keys, String prefix) {
        return IntStream.range(0, keys)
                .mapToObj(i -> "\"%s%d\": \"%032x\"".formatted(prefix, i, (long) i * 0x9E3779B97F4A7C15L))
                .collect(Collectors.joining(", ", "{", "}"));
    }

    /** A step payload: the four parts every step row has (the CHECK of V1 and the rules of V11 require them). */
    private static String payload() {
        return "{\"input\": " + document(20, "in") + ", \"output\": " + document(20, "out")
                + ", \"timing\": {\"ms\": 2000}, \"error\": null}";
    }

    private static void execute(DatabaseUrl url, String sql) throws SQLException {
        try (Connection c = url.connect();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Path script(String name, String text) throws IOException {
        Path script = Files.createTempFile("rules-" + name, ".sql");
        script.toFile().deleteOnExit();
        Files.writeString(script, text);
        return script;
    }
}
