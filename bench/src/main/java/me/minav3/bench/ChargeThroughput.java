package me.minav3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.EmbeddedPostgresServer;
import me.minav3.adapters.postgres.MegaDatabase;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;

/**
 * Charge throughput of the ledger adapter ({@code Credits.post} of a debit: the ledger INSERT, with the customer row
 * if missing, then the conditional UPDATE, in one transaction, through Jdbi and HikariCP) against pgbench running the
 * same statements on the same server in the same run. Rounds alternate (ours, pgbench, ours, pgbench…) so machine
 * noise hits both sides alike.
 *
 * <pre>bench/run ChargeThroughput [--clients 32] [--seconds 15] [--rounds 3] [--customers 1000]</pre>
 */
public final class ChargeThroughput {

    private ChargeThroughput() {}

    public static void main(String[] args) throws Exception {
        int clients = intArg(args, "--clients", 32);
        int seconds = intArg(args, "--seconds", 15);
        int rounds = intArg(args, "--rounds", 3);
        int customers = intArg(args, "--customers", 1000);

        try (Scratch scratch = Scratch.create("mina-bench-pg");
                EmbeddedPostgresServer server = EmbeddedPostgresServer.startOwned(scratch.dir())) {
            server.ensureDatabase("bench");
            DatabaseUrl url = server.url("bench");
            try (MegaDatabase db = MegaDatabase.open(url, clients)) {
                seed(db, customers);
                Path script = pgbenchScript(customers);
                Path earlier = twoStatementScript(customers);
                List<Double> ours = new ArrayList<>();
                List<Double> baseline = new ArrayList<>();
                List<Double> twoStatements = new ArrayList<>();
                // Round 0 warms up the JIT and the server for both sides and is not counted.
                for (int round = 0; round <= rounds; round++) {
                    double a = ourCharges(db, clients, customers, Duration.ofSeconds(seconds));
                    double b = pgbench(server.port(), script, clients, seconds, "bench");
                    double c = pgbench(server.port(), earlier, clients, seconds, "bench");
                    System.out.printf(
                            Locale.ROOT,
                            "round %d%s: ledger %.0f charges/s, pgbench %.0f tx/s (ratio %.2f), pgbench two statements"
                                    + " %.0f tx/s%n",
                            round,
                            round == 0 ? " (warm-up)" : "",
                            a,
                            b,
                            a / b,
                            c);
                    if (round > 0) {
                        ours.add(a);
                        baseline.add(b);
                        twoStatements.add(c);
                    }
                }
                double medianOurs = Stats.median(ours);
                double medianBaseline = Stats.median(baseline);
                System.out.printf(
                        Locale.ROOT,
                        "%nclients=%d seconds=%d rounds=%d customers=%d%n",
                        clients,
                        seconds,
                        rounds,
                        customers);
                System.out.printf(Locale.ROOT, "ledger.post (Jdbi+Hikari) median: %.0f charges/s%n", medianOurs);
                System.out.printf(Locale.ROOT, "pgbench same statements median:   %.0f tx/s%n", medianBaseline);
                System.out.printf(
                        Locale.ROOT, "pgbench two statements median:   %.0f tx/s%n", Stats.median(twoStatements));
                System.out.printf(Locale.ROOT, "ratio: %.2f (target >= 1.0)%n", medianOurs / medianBaseline);
                try (Connection c = DriverManager.getConnection(url.jdbcUrl(), url.user(), "");
                        Statement s = c.createStatement();
                        var rs = s.executeQuery("SELECT count(*) FROM public.mega_customers c WHERE c.mg_credits <> "
                                + "(SELECT coalesce(sum(mg_delta),0) FROM public.mega_generations g WHERE g.mg_pass_id = c.mg_pass_id "
                                + "AND g.mg_record_type = 'credit_transaction')")) {
                    rs.next();
                    // pgbench writes no ledger-consistent rows of its own kind; count only to show the harness left the
                    // adapter's invariant intact for the customers it charged.
                    System.out.println(
                            "customers whose balance != ledger sum (pgbench rows included): " + rs.getLong(1));
                }
            }
        }
    }

    private static void seed(MegaDatabase db, int customers) {
        Instant now = Instant.now();
        for (int i = 1; i <= customers; i++) {
            db.credits()
                    .post(new CreditEntry(
                            CreditTxId.grant("bench-seed-" + i),
                            PassId.user("b" + i),
                            900_000_000L,
                            CreditReason.GRANT,
                            "bench",
                            null,
                            null,
                            null,
                            null,
                            now,
                            Json.obj()));
        }
    }

    private static double ourCharges(MegaDatabase db, int clients, int customers, Duration duration)
            throws InterruptedException {
        LongAdder done = new LongAdder();
        AtomicBoolean stop = new AtomicBoolean();
        String run = Long.toString(System.nanoTime(), 36);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < clients; t++) {
            int client = t;
            threads.add(Thread.ofPlatform().start(() -> {
                long n = 0;
                while (!stop.get()) {
                    PassId passId =
                            PassId.user("b" + (1 + ThreadLocalRandom.current().nextInt(customers)));
                    GenerationId generation = new GenerationId(run + "-" + client + "-" + n++);
                    CreditOutcome outcome = db.credits()
                            .post(new CreditEntry(
                                    CreditTxId.charge(generation),
                                    passId,
                                    -1,
                                    CreditReason.GENERATION,
                                    "bench",
                                    "generation",
                                    generation.mgId(),
                                    null,
                                    null,
                                    Instant.now(),
                                    Json.obj()));
                    if (outcome instanceof CreditOutcome.Applied) {
                        done.increment();
                    }
                }
            }));
        }
        long start = System.nanoTime();
        Thread.sleep(duration.toMillis());
        stop.set(true);
        for (Thread thread : threads) {
            thread.join();
        }
        return done.sum() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * What the ledger runs for a debit: one statement (the row, then the balance only if the row went in) in a
     * transaction, as {@code JdbiCredits.debit} sends it.
     */
    private static Path pgbenchScript(int customers) throws IOException {
        Path script = Files.createTempFile("charge", ".sql");
        Files.writeString(script, """
                \\set p random(1, %d)
                BEGIN;
                WITH customer_if_missing AS (INSERT INTO public.mega_customers (mg_pass_id, mg_credits, mg_created_at, mg_updated_at) VALUES ('pass:user:b' || :p, 0, now(), now()) ON CONFLICT (mg_pass_id) DO NOTHING), ledger_row AS (INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_delta, mg_reason, mg_source, mg_ref_type, mg_ref_id, mg_meta, mg_created_at, mg_updated_at) VALUES ('credit_transaction:gen:pgb-' || gen_random_uuid(), 'credit_transaction', 'pass:user:b' || :p, -1, 'generation', 'bench', 'generation', 'generation:x', '{}'::jsonb, now(), now()) ON CONFLICT (mg_id) DO NOTHING RETURNING mg_id), debited AS (UPDATE public.mega_customers SET mg_credits = mg_credits - 1, mg_updated_at = now() WHERE mg_pass_id = 'pass:user:b' || :p AND NOT mg_disabled AND mg_credits >= 1 AND (mg_expires_at IS NULL OR mg_expires_at > now()) AND EXISTS (SELECT 1 FROM ledger_row) RETURNING mg_credits) SELECT EXISTS (SELECT 1 FROM ledger_row) AS inserted, (SELECT mg_credits FROM debited) AS balance;
                END;
                """.formatted(customers));
        return script;
    }

    /** The two statements the ledger ran before 2026-12-05 (row, then conditional update): the earlier baseline. */
    private static Path twoStatementScript(int customers) throws IOException {
        Path script = Files.createTempFile("charge-two", ".sql");
        Files.writeString(script, """
                \\set p random(1, %d)
                BEGIN;
                WITH customer_if_missing AS (INSERT INTO public.mega_customers (mg_pass_id, mg_credits, mg_created_at, mg_updated_at) VALUES ('pass:user:b' || :p, 0, now(), now()) ON CONFLICT (mg_pass_id) DO NOTHING)
                INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_delta, mg_reason, mg_source, mg_ref_type, mg_ref_id, mg_meta, mg_created_at, mg_updated_at) VALUES ('credit_transaction:gen:pgb-' || gen_random_uuid(), 'credit_transaction', 'pass:user:b' || :p, -1, 'generation', 'bench', 'generation', 'generation:x', '{}'::jsonb, now(), now()) ON CONFLICT (mg_id) DO NOTHING;
                UPDATE public.mega_customers SET mg_credits = mg_credits - 1, mg_updated_at = now() WHERE mg_pass_id = 'pass:user:b' || :p AND mg_credits >= 1 AND (mg_expires_at IS NULL OR mg_expires_at > now()) RETURNING mg_credits;
                END;
                """.formatted(customers));
        return script;
    }

    /** pgbench's transactions per second for {@code script} on {@code database}; {@code options} go before the name. */
    static double pgbench(int port, Path script, int clients, int seconds, String database, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                "pgbench",
                "-n",
                "-h",
                "127.0.0.1",
                "-p",
                Integer.toString(port),
                "-U",
                "postgres",
                "-c",
                Integer.toString(clients),
                "-j",
                "2",
                "-T",
                Integer.toString(seconds),
                "-f",
                script.toString()));
        command.addAll(List.of(options));
        command.add(database);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException("pgbench failed:\n" + output);
        }
        return output.lines()
                .filter(line -> line.startsWith("tps = "))
                .map(line -> Double.parseDouble(line.substring(6).split(" ")[0]))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no tps in pgbench output:\n" + output));
    }

    static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
