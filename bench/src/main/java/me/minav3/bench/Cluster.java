package me.minav3.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import me.minav3.adapters.postgres.DatabaseUrl;
import me.minav3.adapters.postgres.EmbeddedPostgresServer;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.bootstrap.MinaSettings;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.customers.CustomerProfile;

/**
 * Several {@code mina serve} processes on one PostgreSQL, with the fake providers: the embedded server started
 * standalone in a temporary directory (or the machine's PostgreSQL, given as a URL), plus an in-process control
 * {@link CompositionRoot} on the same database that grants matcha, publishes config, mints tokens and audits the ledger.
 */
public final class Cluster implements AutoCloseable {

    /** The same local-login secret for every process, so a token minted here works on any server. */
    private static final String AUTH_SECRET = "load-test-secret-0123456789-0123456789-abcdef";

    private final Path dir;
    private final EmbeddedPostgresServer postgres;
    private final boolean ownsPostgres;
    private final DatabaseUrl url;
    private final String databaseUrlSetting;
    private final FakeProviders providers;
    private final CompositionRoot control;
    private final List<ServerProcess> servers = java.util.Collections.synchronizedList(new ArrayList<>());
    private List<String> jvmOptions = List.of("-Xmx512m");
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** Closes the cluster when the harness is stopped (Ctrl-C, SIGTERM) before it could: no server is left behind. */
    private final Thread onExit = new Thread(this::close, "cluster-shutdown");

    private Cluster(
            Path dir,
            EmbeddedPostgresServer postgres,
            boolean ownsPostgres,
            DatabaseUrl url,
            String databaseUrlSetting,
            FakeProviders providers) {
        this.dir = dir;
        this.postgres = postgres;
        this.ownsPostgres = ownsPostgres;
        this.url = url;
        this.databaseUrlSetting = databaseUrlSetting;
        this.providers = providers;
        this.control = CompositionRoot.start(
                MinaSettings.from(baseEnvironment(Map.of("MINA_DB_POOL_SIZE", "4")), dir.resolve("data")));
        // The harnesses measure throughput with a few users doing a lot: the per-user limits would refuse them.
        // LimitsOverhead turns them on again to measure what they cost.
        publish(ConfigKeys.LIMITS, Map.of("enabled", false));
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /**
     * @param externalDatabaseUrl a {@code DATABASE_URL} of an empty database, or null for an embedded server in a
     *                            fresh temporary directory
     */
    public static Cluster start(String externalDatabaseUrl) {
        try {
            Path dir = Files.createTempDirectory("mina-cluster");
            if (externalDatabaseUrl != null) {
                return new Cluster(
                        dir,
                        null,
                        false,
                        DatabaseUrl.parse(externalDatabaseUrl),
                        externalDatabaseUrl,
                        FakeProviders.start());
            }
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.startOrAttach(dir.resolve("postgres"));
            return on(dir, postgres, true, "mina");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cluster on a new database of an embedded server someone else started (and stops). */
    public static Cluster on(EmbeddedPostgresServer postgres, String database) {
        try {
            return on(Files.createTempDirectory("mina-cluster"), postgres, false, database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Cluster on(Path dir, EmbeddedPostgresServer postgres, boolean owns, String database)
            throws IOException {
        FakeProviders providers = null;
        try {
            postgres.ensureDatabase(database);
            DatabaseUrl url = postgres.url(database);
            providers = FakeProviders.start();
            return new Cluster(dir, postgres, owns, url, url.setting(), providers);
        } catch (IOException | RuntimeException e) {
            if (providers != null) {
                providers.close();
            }
            if (owns) {
                postgres.close(); // a half-built cluster must not leave its server running
            }
            throw e;
        }
    }

    /** JVM options of the servers started from now on (default {@code -Xmx512m}). */
    public Cluster jvmOptions(List<String> options) {
        this.jvmOptions = List.copyOf(options);
        return this;
    }

    public FakeProviders providers() {
        return providers;
    }

    public DatabaseUrl database() {
        return url;
    }

    public CompositionRoot control() {
        return control;
    }

    public List<ServerProcess> servers() {
        synchronized (servers) {
            return List.copyOf(servers);
        }
    }

    /** Every server shares the data directory, so local assets written by one are served by all. */
    private Map<String, String> baseEnvironment(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(providers.environment());
        env.put("DATABASE_URL", databaseUrlSetting);
        env.put("MINA_DATA_DIR", dir.resolve("data").toString());
        env.put("MINA_AUTH_SECRET", AUTH_SECRET);
        env.put("MINA_LOG_LEVEL", "INFO");
        env.putAll(extra);
        return env;
    }

    /** Starts one more server with these settings on top of the cluster's (e.g. {@code MINA_WORKERS}). */
    public ServerProcess startServer(String name, Map<String, String> env) {
        ServerProcess server = ServerProcess.start(
                name, jvmOptions, baseEnvironment(env), dir.resolve("logs"), Duration.ofSeconds(90));
        // /metrics answers only an admin (decision 027): the harness scrapes with a token of its own.
        server.metricsToken(control.localTokens().issue("bench-metrics@example.com", true, Duration.ofHours(24)));
        servers.add(server);
        return server;
    }

    /** Starts several servers at once (their start-ups overlap), named {@code prefix-1}, {@code prefix-2}… */
    public List<ServerProcess> startServers(String prefix, int count, Map<String, String> env) {
        List<java.util.concurrent.Future<ServerProcess>> starting = new ArrayList<>();
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 1; i <= count; i++) {
                String name = prefix + "-" + i;
                starting.add(executor.submit(() -> startServer(name, env)));
            }
        }
        List<ServerProcess> started = new ArrayList<>();
        for (var future : starting) {
            try {
                started.add(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("a server did not start", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return started;
    }

    /** Publishes the next version of a config key (servers see it within 2 s). */
    public void publish(String key, Map<String, Object> value) {
        control.publishConfig().publish(key, value, Actor.SYSTEM);
    }

    /**
     * GPT's defaults for a run: {@code slots} calls at once, and how input images reach it: {@code never} by URL, as
     * in production, where R2's URLs are public; {@code auto} inlines them, as on a developer machine whose asset
     * URLs are local (decision 057).
     */
    public void publishGpt(int slots, String inlineImages) {
        publish(
                "mma.provider.openai.defaults",
                Json.obj("model", "gpt-4.1-mini", "max_concurrency", slots, "inline_images", inlineImages));
    }

    /** A signed-in studio user with {@code matcha} to spend, talking to {@code server}. */
    public StudioClient user(String email, long matcha, ServerProcess server) {
        String token = control.localTokens().issue(email, false, Duration.ofHours(2));
        StudioClient client = new StudioClient(server.baseUrl(), token);
        StudioClient.Reply me = client.get("/api/me");
        if (me.status() != 200) {
            throw new IllegalStateException("could not sign in " + email + ": " + me);
        }
        PassId passId = PassId.parse(me.json().path("pass_id").asText());
        control.grantCredits()
                .grant(
                        new GrantCredits.Request(
                                passId,
                                Matcha.of(matcha),
                                CreditReason.GRANT,
                                "load-test",
                                "load test",
                                null,
                                CustomerProfile.NONE),
                        Actor.SYSTEM);
        return client;
    }

    /** Stops PostgreSQL cleanly and starts it again on the same port (embedded server only). */
    public void restartDatabase(Duration downtime) {
        if (postgres == null) {
            throw new IllegalStateException("only the embedded server can be restarted by the harness");
        }
        postgres.restart(downtime);
        // The control's pool still holds connections to the server that stopped. HikariCP tests a connection before
        // lending it only once it has been idle longer than its alive-bypass window (500 ms; 1 s in old versions), so
        // right after a restart it could lend a dead one (57P01 "terminating connection due to administrator command",
        // once in four `InFlight --statements yes` runs). Past the window, each is tested and replaced.
        ServerProcess.sleep(1_500);
    }

    /** Waits until every generation is done or failed; false at the deadline. */
    public boolean awaitAllFinished(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // One connection for the whole wait: a new one per poll is a new PostgreSQL backend (a fork) ten times a
        // second, CPU taken from the run being measured. The finish time comes from the rows, not from this loop.
        try (LedgerAudit.Watch watch = LedgerAudit.watch(url)) {
            while (System.nanoTime() < deadline) {
                if (watch.allFinished()) {
                    return true;
                }
                ServerProcess.sleep(100);
            }
        }
        return false;
    }

    public LedgerAudit.Report audit() {
        return LedgerAudit.run(url);
    }

    /** Runs {@code mina <args>} against the cluster's database in its own JVM; returns its exit code. */
    public int cli(String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                "me.minav3.cli.Mina"));
        command.addAll(List.of(args));
        try {
            Files.createDirectories(logs());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("logs").resolve("cli.log").toFile()));
            builder.environment().keySet().retainAll(List.of("PATH", "HOME", "LANG", "TMPDIR", "USER"));
            builder.environment().putAll(baseEnvironment(Map.of("MINA_LOG_LEVEL", "WARN")));
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("mina " + String.join(" ", args) + " did not finish");
            }
            return process.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where the servers' logs are. */
    public Path logs() {
        return dir.resolve("logs");
    }

    /** Stops the servers, the fake providers and an embedded database this cluster started; once. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook runs, finds the cluster closed and returns
            }
        }
        try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (ServerProcess server : servers()) {
                executor.submit(server::close); // SIGTERM, so a flight recording or a log is complete
            }
        }
        control.close();
        providers.close();
        if (ownsPostgres) {
            postgres.close();
        }
        // The logs stay for reading after the run.
        Scratch.delete(dir.resolve("data"));
        Scratch.delete(dir.resolve("postgres"));
    }
}
