package me.minav3.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.EmbeddedPostgresServer;
import me.minav3.adapters.postgres.MegaDatabase;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.assets.MediaFetcher;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.assets.UploadLimits;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.common.TimeOrderedIds;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.engine.MmaWorkers;
import me.minav3.mma.engine.PipelineRunner;
import me.minav3.mma.engine.PipelineServices;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.GptContexts;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.MediaPayload;
import me.minav3.mma.providers.ProviderRegistry;
import me.minav3.mma.providers.VisionLanguageModel;
import me.minav3.mma.submit.CreateStill;
import me.minav3.mma.submit.MediaInputs;
import me.minav3.mma.submit.StillRequest;

/**
 * Stills per second through the whole MMA still pipeline (create and charge, claim, four stages each writing its
 * step row and the generation's vars, completion) with zero-latency providers, against raw JDBC inserting the same
 * final rows (customer debit, charge row, create event, generation, four steps) in one transaction per still, on
 * the same server in the same run, and against raw JDBC running the pipeline's own round trips stage by stage.
 *
 * <pre>bench/run StillThroughput [--stills 2000] [--concurrency 32] [--rounds 3] [--profile still.jfr]
 *                      [--statements yes]</pre>
 *
 * <p>Each counted round also prints the CPU the pipeline side used per still: this JVM (MINA and the submitters) and
 * the embedded PostgreSQL (its postmaster and backends). {@code --profile FILE} records the counted pipeline phases
 * with JFR (settings {@code profile}; the raw JDBC phases are not recorded). {@code --statements yes} restarts the
 * embedded server with {@code pg_stat_statements} loaded and prints, per still, the statements the pipeline ran.
 */
public final class StillThroughput {

    private static final byte[] PNG = tinyPng();

    private StillThroughput() {}

    public static void main(String[] args) throws Exception {
        int stills = ChargeThroughput.intArg(args, "--stills", 1000);
        int concurrency = ChargeThroughput.intArg(args, "--concurrency", 32);
        int rounds = ChargeThroughput.intArg(args, "--rounds", 4);
        Args options = Args.of(args);
        String profile = options.text("--profile", "");
        boolean statements = options.text("--statements", "no").equals("yes");
        try (Scratch scratch = Scratch.create("mina-bench-still");
                EmbeddedPostgresServer server = EmbeddedPostgresServer.startOwned(scratch.dir())) {
            Path dir = scratch.dir();
            server.ensureDatabase("bench");
            DatabaseUrl url = server.url("bench");
            if (statements) {
                Statements.load(url, () -> server.restart(Duration.ZERO));
            }
            PipelineCost cost = new PipelineCost(dir.resolve("pg"), url, statements);
            PipelineCost stagedCost = new PipelineCost(dir.resolve("pg"), url, false);
            if (!profile.isEmpty()) {
                Files.deleteIfExists(Path.of(profile));
            }
            try (MegaDatabase db = MegaDatabase.open(url, concurrency)) {
                List<Double> ours = new ArrayList<>();
                List<Double> raw = new ArrayList<>();
                List<Double> staged = new ArrayList<>();
                List<Double> cpuPerStill = new ArrayList<>();
                // Round 0 warms up the JIT and the server for both sides and is not counted.
                for (int round = 0; round <= rounds; round++) {
                    jdk.jfr.Recording recording = null;
                    if (!profile.isEmpty() && round > 0) {
                        recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                        // Jdbi's own event (one per statement, describing its bindings) is not the product's cost.
                        recording.disable("jdbi.statement");
                        recording.start();
                    }
                    cost.begin();
                    PipelineRound ran = pipeline(db, stills, concurrency, round);
                    PipelineCost.Used used = cost.end(stills);
                    double a = ran.stillsPerSecond();
                    if (recording != null) {
                        // JFR files are sequences of chunks: the rounds' recordings appended make one file.
                        Path part = Files.createTempFile(dir, "round", ".jfr");
                        recording.dump(part);
                        recording.close();
                        Files.write(
                                Path.of(profile),
                                Files.readAllBytes(part),
                                java.nio.file.StandardOpenOption.CREATE,
                                java.nio.file.StandardOpenOption.APPEND);
                    }
                    System.out.println("  pipeline " + used.describe());
                    // Checked after the round's CPU is read: the check is the harness's work, not the pipeline's.
                    ran.requireAllDone(db);
                    SampleRows sample = sampleRows(url, round);
                    double b = rawJdbc(url, stills, concurrency, round, sample);
                    stagedCost.begin();
                    double c = stagedJdbc(url, stills, concurrency, round, sample);
                    System.out.println("  raw JDBC stage by stage "
                            + stagedCost.end(stills).describe());
                    System.out.printf(
                            Locale.ROOT,
                            "round %d%s: pipeline %.0f stills/s, raw JDBC %.0f stills/s, raw JDBC stage by stage %.0f"
                                    + " stills/s%n",
                            round,
                            round == 0 ? " (warm-up)" : "",
                            a,
                            b,
                            c);
                    if (round > 0) {
                        ours.add(a);
                        raw.add(b);
                        staged.add(c);
                        cpuPerStill.add(used.jvmMs() + used.postgresMs());
                    }
                }
                double a = Stats.median(ours);
                double b = Stats.median(raw);
                System.out.printf(Locale.ROOT, "%nstills=%d concurrency=%d rounds=%d%n", stills, concurrency, rounds);
                System.out.printf(
                        Locale.ROOT, "pipeline median: %.0f stills/s%nraw JDBC median: %.0f stills/s%n", a, b);
                System.out.printf(
                        Locale.ROOT,
                        "pipeline CPU per still (JVM + PostgreSQL) median: %.2f ms%n",
                        Stats.median(cpuPerStill));
                System.out.printf(Locale.ROOT, "ratio: %.2f (target >= 0.75)%n", a / b);
                double c = Stats.median(staged);
                System.out.printf(
                        Locale.ROOT,
                        "raw JDBC stage by stage median: %.0f stills/s (%.2f of raw JDBC; the pipeline is %.2f of it)%n",
                        c,
                        c / b,
                        a / c);
            }
        }
    }

    /** A pipeline round: its rate, and the stills it submitted. */
    record PipelineRound(double stillsPerSecond, List<GenerationId> submitted) {
        void requireAllDone(MegaDatabase db) {
            long done = submitted.stream()
                    .filter(id -> db.generations().find(id).orElseThrow().status() == MmaStatus.DONE)
                    .count();
            if (done != submitted.size()) {
                throw new IllegalStateException("only " + done + " of " + submitted.size() + " stills finished");
            }
        }
    }

    private static PipelineRound pipeline(MegaDatabase db, int stills, int concurrency, int round)
            throws InterruptedException {
        Clock clock = Clock.system();
        ConfigService config = new ConfigService(db.config(), clock);
        config.seedDefaults();
        AssetStore assets = new MemoryAssets();
        MediaFetcher noFetch = (uri, limits) -> {
            throw new IllegalStateException("no fetching in the benchmark");
        };
        TimeOrderedIds ids = new TimeOrderedIds(clock);
        IngestMedia media = new IngestMedia(assets, noFetch, () -> UploadLimits.DEFAULTS, clock, ids);
        ProviderRegistry providers = new ProviderRegistry(
                new ProviderRegistry.Available(
                        Map.of("local", new InstantVision()), Map.of("local", new InstantImages()), Map.of(), Map.of()),
                config);
        PipelineServices services = new PipelineServices(
                providers,
                new GptContexts(config, providers),
                media,
                db.generationQueue(),
                db.generations(),
                db.events(),
                db.customers(),
                config,
                clock);
        PassId passId = PassId.user("bench-pipeline-" + round);
        db.credits()
                .post(new CreditEntry(
                        CreditTxId.grant("bench-" + round),
                        passId,
                        stills,
                        CreditReason.GRANT,
                        "bench",
                        null,
                        null,
                        null,
                        null,
                        clock.now(),
                        Json.obj()));
        java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(stills);
        MmaWorkers workers = new MmaWorkers(
                db.generationQueue(),
                new PipelineRunner(services, event -> {
                    if (event.type() == me.minav3.mma.engine.LiveEvent.Type.DONE) {
                        finished.countDown();
                    }
                }),
                clock,
                new MmaWorkers.Settings("bench-" + round, concurrency, Duration.ofMinutes(5), Duration.ofMillis(5), 3));
        CreateStill create = new CreateStill(
                db.generationQueue(),
                db.sessions(),
                config,
                new MediaInputs(assets, media),
                new me.minav3.mma.styles.Styles(config, db.customers(), assets, ids, clock),
                clock,
                ids,
                workers::wake);
        long start = System.nanoTime();
        workers.start();
        // Submissions arrive concurrently, as they do from many studio users.
        List<GenerationId> submitted = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger nextStill = new AtomicInteger();
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            submitters.add(Thread.ofVirtual().start(() -> {
                int i;
                while ((i = nextStill.getAndIncrement()) < stills) {
                    CreateOutcome outcome = create.submit(new StillRequest(
                            passId,
                            "bench still " + i,
                            null,
                            AspectRatio.SQUARE,
                            null,
                            null,
                            List.of(),
                            Map.of(),
                            null,
                            null));
                    submitted.add(((CreateOutcome.Created) outcome).generation().id());
                }
            }));
        }
        for (Thread submitter : submitters) {
            submitter.join();
        }
        finished.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        workers.stop(Duration.ofSeconds(5));
        return new PipelineRound(stills / seconds, List.copyOf(submitted));
    }

    /** The JSON of a real finished generation of this round (its vars and its four step payloads). */
    record SampleRows(String vars, List<String> payloads, String eventMeta) {}

    private static SampleRows sampleRows(DatabaseUrl url, int round) throws java.sql.SQLException {
        try (Connection c = url.connect();
                var s = c.createStatement();
                var rs = s.executeQuery("SELECT g.mg_id, g.mg_mma_vars::text FROM public.mega_generations g WHERE "
                        + "g.mg_record_type = 'generation' AND g.mg_pass_id = 'pass:user:bench-pipeline-" + round
                        + "' LIMIT 1")) {
            rs.next();
            String id = rs.getString(1);
            String vars = rs.getString(2);
            List<String> payloads = new ArrayList<>();
            try (var steps = s.getConnection()
                    .createStatement()
                    .executeQuery("SELECT mg_payload::text FROM public.mega_generations " + "WHERE mg_parent_id = '"
                            + id + "' AND mg_record_type = 'mma_step' ORDER BY mg_step_no")) {
                while (steps.next()) {
                    payloads.add(steps.getString(1));
                }
            }
            String meta;
            try (var event = s.getConnection()
                    .createStatement()
                    .executeQuery("SELECT mg_meta::text FROM public.mega_generations " + "WHERE mg_generation_id = '"
                            + id + "' AND mg_record_type = 'mma_event'")) {
                event.next();
                meta = event.getString(1);
            }
            return new SampleRows(vars, payloads, meta);
        }
    }

    /** A customer row holding {@code credits} matcha, for a baseline's round; its pass id. */
    private static String customerWith(DatabaseUrl url, String passId, int credits) throws java.sql.SQLException {
        try (Connection c = url.connect();
                var insert = c.prepareStatement(
                        "INSERT INTO public.mega_customers (mg_pass_id, mg_credits, mg_created_at, mg_updated_at) "
                                + "VALUES (?, ?, now(), now())")) {
            insert.setString(1, passId);
            insert.setInt(2, credits);
            insert.executeUpdate();
        }
        return passId;
    }

    private static double rawJdbc(DatabaseUrl url, int stills, int concurrency, int round, SampleRows sample)
            throws Exception {
        String passId = customerWith(url, "pass:user:bench-raw-" + round, stills);
        String vars = sample.vars();
        return onThreads(url, stills, concurrency, "raw JDBC", (c, thread) -> {
            c.setAutoCommit(false);
            PreparedStatement debit =
                    c.prepareStatement("UPDATE public.mega_customers SET mg_credits = mg_credits - 1, "
                            + "mg_updated_at = now() WHERE mg_pass_id = ? AND mg_credits >= 1");
            PreparedStatement row = c.prepareStatement(
                    "INSERT INTO public.mega_generations (mg_id, mg_record_type, "
                            + "mg_pass_id, mg_generation_id, mg_parent_id, mg_step_no, mg_step_type, mg_delta, mg_reason, mg_source, "
                            + "mg_mma_mode, mg_mma_status, mg_mma_vars, mg_meta, mg_payload, mg_created_at, mg_updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), CAST(? AS jsonb), CAST(? AS jsonb), now(), now())");
            return () -> {
                String gen = UUID.randomUUID().toString();
                debit.setString(1, passId);
                debit.executeUpdate();
                add(
                        row,
                        "credit_transaction:gen:" + gen,
                        "credit_transaction",
                        passId,
                        null,
                        null,
                        null,
                        null,
                        -1L,
                        "generation",
                        "mma",
                        null,
                        null,
                        null,
                        "{}",
                        null);
                add(
                        row,
                        "mma_event:" + gen,
                        "mma_event",
                        passId,
                        "generation:" + gen,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        sample.eventMeta(),
                        null);
                add(
                        row,
                        "generation:" + gen,
                        "generation",
                        passId,
                        "generation:" + gen,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        "still",
                        "done",
                        vars,
                        "{}",
                        null);
                String[] steps = {"like_history", "gpt_reader", "local_generate", "postscan_output_still"};
                for (int s = 0; s < steps.length; s++) {
                    add(
                            row,
                            "mma_step:" + gen + ":" + (s + 1),
                            "mma_step",
                            passId,
                            "generation:" + gen,
                            "generation:" + gen,
                            s + 1,
                            steps[s],
                            null,
                            null,
                            null,
                            null,
                            null,
                            null,
                            "{}",
                            sample.payloads().get(s));
                }
                row.executeBatch();
                c.commit();
            };
        });
    }

    /** One baseline thread's work for one still. */
    private interface StillWrite {
        void run() throws Exception;
    }

    /** Prepares a baseline thread on its own connection: what it does for each still. */
    private interface BaselineThread {
        StillWrite on(Connection connection, int thread) throws Exception;
    }

    /**
     * Runs a baseline: {@code concurrency} platform threads, each on a connection of its own, take stills until
     * {@code stills} are written. Stills per second; the first failure, if any, fails the run.
     */
    private static double onThreads(DatabaseUrl url, int stills, int concurrency, String name, BaselineThread baseline)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int thread = t;
            threads.add(Thread.ofPlatform().start(() -> {
                try (Connection c = url.connect()) {
                    StillWrite write = baseline.on(c, thread);
                    while (next.getAndIncrement() < stills) {
                        write.run();
                    }
                } catch (Throwable e) {
                    failures.put(thread, e);
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(
                    name + " baseline failed", failures.values().iterator().next());
        }
        return stills / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * The pipeline's own round trips for a still, on plain JDBC with none of MINA's code: the create (the generation,
     * its event, its ledger row and the debit in one autocommitted statement), a claim by id, the taste read, and four
     * step writes (each the lease-guarded update of the generation and its step row in one statement, committed
     * without waiting for the WAL), one still after another on each thread. The SQL has the shape of the adapter's
     * (not its text: those constants are the adapter's own). What this reaches is the most a pipeline that stores
     * each stage as it ends could reach on this machine; the one-batch baseline above is what storing a still at once
     * could.
     */
    private static double stagedJdbc(DatabaseUrl url, int stills, int concurrency, int round, SampleRows sample)
            throws Exception {
        String passId = customerWith(url, "pass:user:bench-staged-" + round, stills);
        // The connection closes its statements.
        return onThreads(url, stills, concurrency, "staged JDBC", (c, thread) -> {
            PreparedStatement create = c.prepareStatement(STAGED_CREATE);
            PreparedStatement claim = c.prepareStatement(STAGED_CLAIM);
            PreparedStatement taste = c.prepareStatement(STAGED_TASTE);
            PreparedStatement step = c.prepareStatement(STAGED_STEP);
            PreparedStatement last = c.prepareStatement(STAGED_LAST_STEP);
            String worker = "staged-" + round + "-" + thread;
            return () -> {
                String gen = "generation:" + UUID.randomUUID();
                create.setString(1, passId);
                create.setString(2, passId);
                create.setString(3, gen);
                create.setString(4, passId);
                create.setString(5, gen);
                create.setString(6, sample.vars());
                create.setString(7, "mma_event:" + gen);
                create.setString(8, passId);
                create.setString(9, gen);
                create.setString(10, sample.eventMeta());
                create.setString(11, "credit_transaction:" + gen);
                create.setString(12, passId);
                create.setString(13, gen);
                create.setString(14, passId);
                try (var rs = create.executeQuery()) { // a refusal raises (V13)
                    rs.next();
                }
                claim.setString(1, worker);
                claim.setString(2, gen);
                try (var rs = claim.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("claim found nothing");
                    }
                }
                taste.setString(1, passId);
                taste.setString(2, passId);
                taste.setInt(3, 5);
                try (var rs = taste.executeQuery()) {
                    while (rs.next()) {
                        rs.getString(1);
                    }
                }
                String[] types = {"like_history", "gpt_reader", "local_generate", "postscan_output_still"};
                String[] after = {"prompting", "generating", "postscan", "done"};
                for (int s = 0; s < types.length; s++) {
                    PreparedStatement write = s == types.length - 1 ? last : step;
                    write.setString(1, after[s]);
                    write.setString(2, sample.vars());
                    write.setString(3, gen);
                    write.setString(4, worker);
                    write.setString(5, "mma_step:" + gen + ":" + (s + 1));
                    write.setString(6, gen);
                    write.setString(7, gen);
                    write.setInt(8, s + 1);
                    write.setString(9, types[s]);
                    write.setString(10, sample.payloads().get(s));
                    try (var rs = write.executeQuery()) {
                        rs.next();
                        if (rs.getLong(1) != 1) {
                            throw new IllegalStateException("step write lost its lease");
                        }
                    }
                }
            };
        });
    }

    /** The charged create in one autocommitted statement, the debit last (decision 067). */
    private static final String STAGED_CREATE = """
            WITH customer_if_missing AS (
                INSERT INTO public.mega_customers (mg_pass_id, mg_credits, mg_created_at, mg_updated_at)
                SELECT ?, 0, now(), now()
                 WHERE NOT EXISTS (SELECT 1 FROM public.mega_customers WHERE mg_pass_id = ?)
                ON CONFLICT (mg_pass_id) DO NOTHING),
            created AS (
                INSERT INTO public.mega_generations
                       (mg_id, mg_record_type, mg_pass_id, mg_generation_id, mg_mma_mode, mg_mma_status, mg_mma_vars,
                        mg_meta, mg_created_at, mg_updated_at)
                VALUES (?, 'generation', ?, ?, 'still', 'queued', CAST(? AS jsonb), '{"cost": 1}', now(), now())
                ON CONFLICT (mg_id) DO NOTHING
                RETURNING mg_id, mg_created_at),
            event AS (
                INSERT INTO public.mega_generations
                       (mg_id, mg_record_type, mg_pass_id, mg_generation_id, mg_meta, mg_created_at, mg_updated_at)
                SELECT ?, 'mma_event', ?, ?, CAST(? AS jsonb), now(), now() FROM created
                ON CONFLICT (mg_id) DO NOTHING
                RETURNING mg_id),
            ledger_row AS (
                INSERT INTO public.mega_generations
                       (mg_id, mg_record_type, mg_pass_id, mg_delta, mg_reason, mg_source, mg_ref_type, mg_ref_id,
                        mg_meta, mg_created_at, mg_updated_at)
                SELECT ?, 'credit_transaction', ?, -1, 'generation', 'mma', 'generation', ?, '{}', now(), now()
                  FROM created
                ON CONFLICT (mg_id) DO NOTHING
                RETURNING mg_id),
            debited AS (
                UPDATE public.mega_customers SET mg_credits = mg_credits - 1, mg_updated_at = now()
                 WHERE mg_pass_id = ? AND NOT mg_disabled AND mg_credits >= 1
                   AND (mg_expires_at IS NULL OR mg_expires_at > now())
                   AND EXISTS (SELECT 1 FROM ledger_row)
                RETURNING mg_credits)
            SELECT (SELECT mg_created_at FROM created) AS created_at, (SELECT count(*) FROM event) AS events,
                   (SELECT count(*) FROM ledger_row) AS ledger_rows,
                   CASE WHEN NOT EXISTS (SELECT 1 FROM ledger_row) THEN 0
                        WHEN EXISTS (SELECT 1 FROM debited) THEN (SELECT mg_credits FROM debited)
                        ELSE public.mega_refuse_charge() END AS balance""";

    private static final String STAGED_CLAIM = """
            UPDATE public.mega_generations
               SET mg_lease_owner = ?, mg_lease_until = now() + interval '5 minutes', mg_attempts = mg_attempts + 1,
                   mg_updated_at = now()
             WHERE mg_id = ? AND mg_record_type = 'generation' AND mg_mma_status NOT IN ('done', 'error')
               AND mg_lease_until IS NULL
            RETURNING mg_id, mg_pass_id, mg_mma_status, mg_mma_vars::text, mg_meta::text, mg_attempts, mg_created_at,
                      set_config('synchronous_commit', 'off', true)""";

    private static final String STAGED_TASTE = """
            WITH latest AS (
                SELECT DISTINCT ON (e.mg_generation_id, e.mg_meta->>'event_type' = 'download')
                       e.mg_meta->>'event_type' AS event_type, e.mg_generation_id, e.mg_created_at, e.mg_id
                  FROM public.mega_generations e
                 WHERE e.mg_pass_id = ? AND e.mg_record_type = 'mma_event' AND e.mg_generation_id IS NOT NULL
                   AND e.mg_meta->>'event_type' IN ('like', 'dislike', 'clear', 'download')
                 ORDER BY e.mg_generation_id, e.mg_meta->>'event_type' = 'download', e.mg_created_at DESC,
                          e.mg_id DESC),
            signals AS (
                SELECT e.event_type, e.mg_generation_id, e.mg_created_at, e.mg_id,
                       g.mg_mma_vars->'settings'->>'style' AS style, g.mg_prompt
                  FROM latest e LEFT JOIN public.mega_generations g ON g.mg_id = e.mg_generation_id
                 WHERE e.event_type <> 'clear'
                 ORDER BY e.mg_created_at DESC, e.mg_id DESC)
            SELECT c.preferences, s.*
              FROM (SELECT (SELECT mg_mma_preferences::text FROM public.mega_customers WHERE mg_pass_id = ?)
                    AS preferences) c
              LEFT JOIN signals s ON true
             ORDER BY s.mg_created_at DESC, s.mg_id DESC
             LIMIT ?""";

    private static final String STAGED_STEP = stagedStep("mg_mma_status = ?");

    private static final String STAGED_LAST_STEP = stagedStep("""
            mg_mma_status = ?, mg_output_url = 'https://assets.bench.example/still.png', mg_prompt = 'bench',
            mg_provider = 'local', mg_model = 'instant', mg_latency_ms = 1, mg_lease_owner = NULL,
            mg_lease_until = NULL""");

    private static String stagedStep(String set) {
        return """
                WITH g AS (
                    UPDATE public.mega_generations SET %s, mg_mma_vars = CAST(? AS jsonb), mg_updated_at = now()
                     WHERE mg_id = ? AND mg_record_type = 'generation' AND mg_lease_owner = ?
                       AND mg_mma_status NOT IN ('done', 'error')
                    RETURNING mg_pass_id, set_config('synchronous_commit', 'off', true)),
                s AS (
                    INSERT INTO public.mega_generations
                           (mg_id, mg_record_type, mg_pass_id, mg_generation_id, mg_parent_id, mg_step_no,
                            mg_step_type, mg_status, mg_payload, mg_latency_ms, mg_created_at, mg_updated_at)
                    SELECT ?, 'mma_step', g.mg_pass_id, ?, ?, ?, ?, 'ok', CAST(? AS jsonb), 1, now(), now() FROM g
                    ON CONFLICT (mg_id) DO NOTHING)
                SELECT count(*) FROM g""".formatted(set);
    }

    private static void add(
            PreparedStatement row,
            String id,
            String type,
            String passId,
            String generation,
            String parent,
            Integer stepNo,
            String stepType,
            Long delta,
            String reason,
            String source,
            String mode,
            String status,
            String vars,
            String meta,
            String payload)
            throws java.sql.SQLException {
        row.setString(1, id);
        row.setString(2, type);
        row.setString(3, passId);
        row.setString(4, generation);
        row.setString(5, parent);
        row.setObject(6, stepNo);
        row.setString(7, stepType);
        row.setObject(8, delta);
        row.setString(9, reason);
        row.setString(10, source);
        row.setString(11, mode);
        row.setString(12, status);
        row.setString(13, vars);
        row.setString(14, meta);
        row.setString(15, payload);
        row.addBatch();
    }

    /**
     * What the pipeline side of one round cost: CPU of this JVM and of the embedded PostgreSQL (postmaster and its
     * backends; the pool's connections live through the round), and with {@code pg_stat_statements} the statements
     * run.
     */
    static final class PipelineCost {
        private final Path cluster;
        private final DatabaseUrl url;
        private final boolean statements;
        private long jvmNanos;
        private double jitSeconds;
        private long postgresNanos;
        private Statements.Table updates = Statements.Table.NONE;

        PipelineCost(Path cluster, DatabaseUrl url, boolean statements) {
            this.cluster = cluster;
            this.url = url;
            this.statements = statements;
        }

        /** CPU per still: this JVM (and the part its JIT compiler threads used), the embedded PostgreSQL. */
        record Used(double jvmMs, double jitMs, double postgresMs, String statements) {
            String describe() {
                return String.format(
                                Locale.ROOT,
                                "CPU per still: JVM %.2f ms (of which the JIT %.2f ms), PostgreSQL %.2f ms",
                                jvmMs,
                                jitMs,
                                postgresMs)
                        + (statements.isEmpty() ? "" : String.format(Locale.ROOT, "%n%s", statements));
            }
        }

        void begin() throws Exception {
            if (statements) {
                Statements.reset(url);
                updates = Statements.table(url);
            }
            jvmNanos = jvmCpu();
            jitSeconds = CpuTimes.jitSeconds(ProcessHandle.current().pid());
            postgresNanos = postgresCpu();
        }

        Used end(int stills) throws Exception {
            long jvm = jvmCpu() - jvmNanos;
            double jit = CpuTimes.jitSeconds(ProcessHandle.current().pid()) - jitSeconds;
            long postgresUsed = postgresCpu() - postgresNanos;
            String text = statements
                    ? Statements.byTime(url, stills, "still", 12)
                            + System.lineSeparator()
                            + Statements.updatesBetween(updates, Statements.table(url), stills, "still")
                    : "";
            return new Used(jvm / 1e6 / stills, jit * 1000 / stills, postgresUsed / 1e6 / stills, text);
        }

        private static long jvmCpu() {
            return ((com.sun.management.OperatingSystemMXBean)
                            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }

        /**
         * The embedded server's CPU so far: the postmaster, its live backends, and the backends that have exited (a
         * baseline's connections close before its round is measured).
         */
        private long postgresCpu() throws java.io.IOException {
            long pid = Long.parseLong(
                    Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).strip());
            List<ProcessHandle> all = new ArrayList<>();
            ProcessHandle.of(pid).ifPresent(p -> {
                all.add(p);
                p.descendants().forEach(all::add);
            });
            return all.stream().mapToLong(PipelineCost::cpuNanos).sum()
                    + CpuTimes.reapedChildren(pid).toNanos();
        }

        private static long cpuNanos(ProcessHandle p) {
            return p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }
    }

    private static byte[] tinyPng() {
        try {
            var image = new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB);
            var out = new java.io.ByteArrayOutputStream();
            javax.imageio.ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A provider that answers at once (the benchmark measures MMA and the database, not a model). */
    static final class InstantVision implements VisionLanguageModel {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public GptReply ask(me.minav3.mma.providers.GptRequest request) {
            Map<String, String> fields = new java.util.LinkedHashMap<>();
            request.task().replyFields().forEach(f -> fields.put(f, "bench " + f));
            return new GptReply(fields, "local", "instant", ProviderTrace.EMPTY);
        }
    }

    static final class InstantImages implements ImageGenerator {
        @Override
        public String name() {
            return "local";
        }

        @Override
        public String family() {
            return "local";
        }

        @Override
        public GeneratedMedia generate(me.minav3.mma.providers.ImageJob job) {
            return new GeneratedMedia(new MediaPayload.Bytes(PNG), "local", "instant", ProviderTrace.EMPTY);
        }
    }

    /** Assets kept in memory: the benchmark measures rows, not file writes. */
    static final class MemoryAssets implements AssetStore {
        private final Map<AssetKey, byte[]> objects = new ConcurrentHashMap<>();

        @Override
        public String name() {
            return "memory";
        }

        @Override
        public StoredAsset put(AssetKey key, byte[] bytes, MediaType type) {
            objects.put(key, bytes);
            return new StoredAsset(key, publicUrl(key), type, bytes.length);
        }

        @Override
        public Optional<byte[]> read(AssetKey key) {
            return Optional.ofNullable(objects.get(key));
        }

        @Override
        public java.util.List<AssetKey> list(String prefix) {
            return objects.keySet().stream()
                    .filter(k -> k.value().startsWith(prefix))
                    .toList();
        }

        @Override
        public void delete(AssetKey key) {
            objects.remove(key);
        }

        @Override
        public String publicUrl(AssetKey key) {
            return "https://assets.bench.example/" + key.value();
        }

        @Override
        public Optional<AssetKey> keyOf(String url) {
            return url.startsWith("https://assets.bench.example/")
                    ? Optional.of(new AssetKey(url.substring("https://assets.bench.example/".length())))
                    : Optional.empty();
        }

        @Override
        public me.minav3.mma.assets.StorageHealth check() {
            return me.minav3.mma.assets.StorageHealth.ok("memory");
        }
    }
}
