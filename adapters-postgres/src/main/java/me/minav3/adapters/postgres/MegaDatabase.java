package me.minav3.adapters.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import me.minav3.mma.accounts.Accounts;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Foreground;
import me.minav3.mma.config.ConfigStore;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.limits.UsageMeters;
import me.minav3.mma.pricing.ProviderCosts;
import me.minav3.mma.studio.LoginCodes;
import me.minav3.mma.studio.Sessions;
import me.minav3.mma.studio.StudioEvents;
import me.minav3.mma.studio.TokenRevocations;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL adapter's one entry point: connects (to {@code DATABASE_URL}, or to the embedded server in the
 * data directory), migrates the three MEGA tables, and hands out the stores.
 */
public final class MegaDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MegaDatabase.class);
    static final String EMBEDDED_DATABASE = "mina";
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a request waits in the request queue before it fails like a pool timeout (decision 047): longer than
     * the pool's 10 s, because a short request transaction behind a few hundred others is served well within it.
     */
    static final Duration REQUEST_WAIT = Duration.ofSeconds(30);
    /** Requests that may wait for a connection at once before the next is refused (503, Retry-After). */
    public static final int DEFAULT_REQUEST_QUEUE = 1_000;

    /**
     * @param databaseUrl  {@code DATABASE_URL}; null or blank for the embedded server
     * @param dataDir      where the embedded server keeps its cluster
     * @param poolSize     connections in the pool (independent of how many generations are in flight)
     * @param requestConnections of those, how many pipeline workers never take; null for the default share
     * @param requestQueue how many requests may wait for a connection at once (decision 047); null for the default
     * @param keepWarm     how long the embedded server stays up after its last use (zero: stop on close)
     * @param requestsFirst the longest a pipeline worker waits, before each statement, for the requests being served
     *                      to end (decision 060; zero: workers never wait)
     */
    public record Settings(
            @Nullable String databaseUrl,
            Path dataDir,
            int poolSize,
            String applicationName,
            @Nullable Integer requestConnections,
            @Nullable Integer requestQueue,
            Duration keepWarm,
            Duration requestsFirst) {
        public Settings {
            Objects.requireNonNull(dataDir, "data dir");
            ConnectionBudget.of(poolSize, requestConnections); // validates both
            if (requestQueue != null && requestQueue < 0) {
                throw new IllegalArgumentException("the request queue's bound must not be negative");
            }
            applicationName = applicationName == null ? "mina" : applicationName;
            keepWarm = keepWarm == null ? Duration.ZERO : keepWarm;
            requestsFirst = requestsFirst == null ? Duration.ZERO : requestsFirst;
            new Foreground(requestsFirst); // validates it, as the database will, before anything is opened
        }

        /** Settings whose embedded server stops when the last process using it closes. */
        public Settings(
                @Nullable String databaseUrl,
                Path dataDir,
                int poolSize,
                String applicationName,
                @Nullable Integer requestConnections) {
            this(
                    databaseUrl,
                    dataDir,
                    poolSize,
                    applicationName,
                    requestConnections,
                    null,
                    Duration.ZERO,
                    Duration.ZERO);
        }

        /** Settings with the default request share whose embedded server stops when the last process closes. */
        public Settings(@Nullable String databaseUrl, Path dataDir, int poolSize, String applicationName) {
            this(databaseUrl, dataDir, poolSize, applicationName, null, null, Duration.ZERO, Duration.ZERO);
        }

        public ConnectionBudget budget() {
            return ConnectionBudget.of(poolSize, requestConnections);
        }

        public int requestQueueBound() {
            return requestQueue != null ? requestQueue : DEFAULT_REQUEST_QUEUE;
        }

        public boolean embedded() {
            return databaseUrl == null || databaseUrl.isBlank();
        }
    }

    private final @Nullable EmbeddedPostgresServer embedded;
    private final DatabaseUrl url;
    private @Nullable PgNotifications notifications;
    private @Nullable PgNotifications balanceNotifications;
    private final HikariDataSource pool;
    private final ConnectionBudget budget;
    private final Foreground foreground;
    private final BudgetedDataSource workerConnections;
    private final BudgetedDataSource requestConnections;
    private final BudgetedDataSource notifyConnections;
    private final Jdbi jdbi;
    private final Jdbi notifyJdbi;
    private final Jdbi workerJdbi;
    private final WorkerStores workerStores;
    private final String description;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final JdbiCustomerStore customers;
    private final JdbiCredits credits;
    private final JdbiGenerations generations;
    private final JdbiSessions sessions;
    private final JdbiEvents events;
    private final JdbiConfigStore config;
    private final JdbiAuditLog audit;
    private final JdbiProviderCosts costs;
    private final JdbiTokenRevocations tokenRevocations;
    private final JdbiLoginCodes loginCodes;
    private final JdbiAccounts accounts;
    private final JdbiUsageMeters usageMeters;

    private MegaDatabase(
            @Nullable EmbeddedPostgresServer embedded,
            DatabaseUrl url,
            ConnectionBudget budget,
            String applicationName,
            int requestQueue,
            Duration requestsFirst) {
        this.embedded = embedded;
        this.url = url;
        this.budget = budget;
        this.foreground = new Foreground(requestsFirst);
        this.pool = pool(url, budget.total(), applicationName);
        // One gate of the pool's size decides who gets the next connection (decision 049): the NOTIFY forwarders,
        // then workers below their floor, then requests (every connection, queued fairly and boundedly, 047), then
        // workers up to their share (all but the requests' reserve, 038). Nobody waits inside HikariCP's queue.
        ConnectionGate gate = new ConnectionGate(budget.total(), budget.workers(), budget.workerFloor());
        this.workerConnections = new BudgetedDataSource(
                pool,
                gate,
                ConnectionGate.Lane.WORKER,
                "pipeline workers",
                CONNECTION_TIMEOUT,
                BudgetedDataSource.UNBOUNDED,
                foreground);
        this.requestConnections = new BudgetedDataSource(
                pool, gate, ConnectionGate.Lane.REQUEST, "requests", REQUEST_WAIT, requestQueue, Foreground.off());
        this.notifyConnections = new BudgetedDataSource(
                pool,
                gate,
                ConnectionGate.Lane.NOTIFY,
                "NOTIFY forwarders",
                CONNECTION_TIMEOUT,
                BudgetedDataSource.UNBOUNDED,
                Foreground.off());
        this.description = embedded != null ? "embedded PostgreSQL on port " + embedded.port() : "PostgreSQL at " + url;
        migrate(pool);
        this.jdbi = Jdbi.create(requestConnections).installPlugin(new PostgresPlugin());
        JsonCodec json = new JsonCodec();
        this.customers = new JdbiCustomerStore(jdbi, json);
        this.credits = new JdbiCredits(jdbi, json);
        this.events = new JdbiEvents(jdbi, json);
        this.generations = new JdbiGenerations(jdbi, requestConnections, json, credits, events);
        this.sessions = new JdbiSessions(jdbi);
        this.config = new JdbiConfigStore(jdbi, json);
        this.audit = new JdbiAuditLog(jdbi, json);
        this.costs = new JdbiProviderCosts(jdbi);
        this.tokenRevocations = new JdbiTokenRevocations(jdbi);
        this.loginCodes = new JdbiLoginCodes(jdbi, json);
        this.accounts = new JdbiAccounts(jdbi, json);
        this.usageMeters = new JdbiUsageMeters(jdbi, json);
        this.workerJdbi = Jdbi.create(workerConnections).installPlugin(new PostgresPlugin());
        this.notifyJdbi = Jdbi.create(notifyConnections).installPlugin(new PostgresPlugin());
        JdbiCredits workerCredits = new JdbiCredits(workerJdbi, json);
        JdbiEvents workerEvents = new JdbiEvents(workerJdbi, json);
        JdbiGenerations workerGenerations =
                new JdbiGenerations(workerJdbi, workerConnections, json, workerCredits, workerEvents);
        this.workerStores = new WorkerStores(
                workerGenerations, workerGenerations, workerEvents, new JdbiCustomerStore(workerJdbi, json));
    }

    /** Connects and migrates. The embedded server is started (or attached to) when no URL is given. */
    public static MegaDatabase open(Settings settings) {
        if (settings.embedded()) {
            EmbeddedPostgresServer server =
                    EmbeddedPostgresServer.startOrAttach(settings.dataDir(), settings.keepWarm());
            try {
                server.ensureDatabase(EMBEDDED_DATABASE);
                return new MegaDatabase(
                        server,
                        server.url(EMBEDDED_DATABASE),
                        settings.budget(),
                        settings.applicationName(),
                        settings.requestQueueBound(),
                        settings.requestsFirst());
            } catch (RuntimeException e) {
                server.close();
                throw e;
            }
        }
        return new MegaDatabase(
                null,
                DatabaseUrl.parse(settings.databaseUrl()),
                settings.budget(),
                settings.applicationName(),
                settings.requestQueueBound(),
                settings.requestsFirst());
    }

    /** Connects to a given URL (tests, benchmarks), with the default share of the pool reserved for requests. */
    public static MegaDatabase open(DatabaseUrl url, int poolSize) {
        return open(url, ConnectionBudget.of(poolSize, null));
    }

    /** Connects to a given URL (tests, benchmarks) with the given budget. */
    public static MegaDatabase open(DatabaseUrl url, ConnectionBudget budget) {
        return open(url, budget, DEFAULT_REQUEST_QUEUE);
    }

    /** Connects to a given URL (tests, benchmarks) with the given budget and request queue bound (decision 047). */
    public static MegaDatabase open(DatabaseUrl url, ConnectionBudget budget, int requestQueue) {
        return open(url, budget, requestQueue, Duration.ZERO);
    }

    /**
     * Connects to a given URL (tests, benchmarks) with the given budget, request queue bound and the longest a
     * pipeline statement waits for the requests being served (decision 060).
     */
    public static MegaDatabase open(
            DatabaseUrl url, ConnectionBudget budget, int requestQueue, Duration requestsFirst) {
        return new MegaDatabase(null, url, budget, "mina", requestQueue, requestsFirst);
    }

    /**
     * The stores the pipeline workers use (decision 038): the same adapters as the accessors above, but their
     * connections come out of the workers' share of the pool, so however many jobs run, {@link
     * ConnectionBudget#reservedForRequests()} connections stay free for the stores above (HTTP requests, the CLI,
     * sweeps).
     */
    public record WorkerStores(
            GenerationQueue generationQueue, Generations generations, StudioEvents events, CustomerStore customers) {}

    public WorkerStores workerStores() {
        return workerStores;
    }

    public ConnectionBudget budget() {
        return budget;
    }

    /**
     * The requests this process is serving, which the pipeline's statements let go first (decision 060): whoever
     * serves them (the HTTP server) enters and exits it around each one.
     */
    public Foreground foreground() {
        return foreground;
    }

    public CustomerStore customers() {
        return customers;
    }

    public Credits credits() {
        return credits;
    }

    /** The job side of generations: create-and-charge, claims, leases, steps, failure. */
    public GenerationQueue generationQueue() {
        return generations;
    }

    /** The read side of generations (the same adapter as {@link #generationQueue()}). */
    public Generations generations() {
        return generations;
    }

    public Sessions sessions() {
        return sessions;
    }

    public StudioEvents events() {
        return events;
    }

    public ConfigStore config() {
        return config;
    }

    public AuditLog audit() {
        return audit;
    }

    public LoginCodes loginCodes() {
        return loginCodes;
    }

    /** The account lifecycle: export rows, disable, erase (decision 022). */
    public Accounts accounts() {
        return accounts;
    }

    /** Per-customer usage counters and open-stream slots (issue 17.1). */
    public UsageMeters usageMeters() {
        return usageMeters;
    }

    /** What provider steps cost, summed from their step payloads. */
    public ProviderCosts costs() {
        return costs;
    }

    /** Signed-out and revoked login tokens (on MEGA_CUSTOMERS). */
    public TokenRevocations tokenRevocations() {
        return tokenRevocations;
    }

    /**
     * LISTEN/NOTIFY on the {@code mina_live} channel (live lines across processes); created on first use. Its NOTIFY
     * statements are served before requests and workers (decision 049), within the pool's total.
     */
    public synchronized PgNotifications notifications() {
        if (notifications == null) {
            notifications = new PgNotifications(notifyConnections, url, "mina_live");
        }
        return notifications;
    }

    /** LISTEN/NOTIFY on the {@code mina_balance} channel (whose balance moved, across processes; decision 034). */
    public synchronized PgNotifications balanceNotifications() {
        if (balanceNotifications == null) {
            balanceNotifications = new PgNotifications(notifyConnections, url, "mina_balance");
        }
        return balanceNotifications;
    }

    /** Where the data lives, without secrets. */
    public String description() {
        return description;
    }

    /** True when the database answers a query within a second. */
    public boolean healthy() {
        try {
            return jdbi.withHandle(h -> {
                h.getConnection().setNetworkTimeout(Runnable::run, 1000);
                return h.createQuery("SELECT 1").mapTo(Integer.class).one() == 1;
            });
        } catch (Exception e) {
            return false;
        }
    }

    /** Unfinished generations (queued or running), for the queue-depth metric. */
    public long queueDepth() {
        return Database.call(
                () -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT count(*) FROM public.mega_generations
                         WHERE mg_record_type = 'generation' AND mg_mma_status NOT IN ('done', 'error')""").mapTo(Long.class).one()));
    }

    /** The connection pool right now: connections in use, idle, and threads waiting for one (metrics). */
    public record PoolUsage(int active, int idle, int pending, int max) {}

    /** The workers' share right now: connections they hold, threads waiting for their share, and its size. */
    public record WorkerUsage(int active, int pending, int max) {}

    /** The requests' queue right now: connections requests hold, requests waiting for one, and the queue's bound. */
    public record RequestUsage(int active, int pending, int maxWaiting) {}

    /** The NOTIFY forwarders right now: connections they hold and forwarders waiting for one (decision 049). */
    public record NotifyUsage(int active, int pending) {}

    public NotifyUsage notifyUsage() {
        return new NotifyUsage(notifyConnections.active(), notifyConnections.pending());
    }

    public RequestUsage requestUsage() {
        return new RequestUsage(
                requestConnections.active(), requestConnections.pending(), requestConnections.maxWaiting());
    }

    public WorkerUsage workerUsage() {
        return new WorkerUsage(workerConnections.active(), workerConnections.pending(), workerConnections.permits());
    }

    public PoolUsage poolUsage() {
        var bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolUsage(0, 0, 0, pool.getMaximumPoolSize());
        }
        return new PoolUsage(
                bean.getActiveConnections(),
                bean.getIdleConnections(),
                bean.getThreadsAwaitingConnection(),
                pool.getMaximumPoolSize());
    }

    Jdbi jdbi() {
        return jdbi;
    }

    Jdbi workerJdbi() {
        return workerJdbi;
    }

    Jdbi notifyJdbi() {
        return notifyJdbi;
    }

    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        if (balanceNotifications != null) {
            balanceNotifications.close();
        }
        if (notifications != null) {
            notifications.close();
        }
        pool.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    static HikariDataSource pool(DatabaseUrl url, int size, String applicationName) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
        }
        if (url.password() != null) {
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(Math.min(2, size));
        config.setPoolName("mina-db");
        config.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        // A restarted database is reconnected to lazily: the pool does not fail the app at start-up only.
        config.setInitializationFailTimeout(Duration.ofSeconds(30).toMillis());
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.addDataSourceProperty("tcpKeepAlive", "true");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        return new HikariDataSource(config);
    }

    /**
     * Brings the schema to this build's migrations. A database that has applied exactly them (the usual case for a
     * CLI call on a warm server, or any process after the first) is told by one query and Flyway is not started:
     * its scan, lock and validation cost a warm call ~0.4 s (decision 050). Everything else goes to Flyway, which
     * migrates under its lock, or refuses a changed migration, as before.
     */
    private static void migrate(HikariDataSource pool) {
        if (AppliedMigrations.current(pool)) {
            log.debug("database_schema_current");
            return;
        }
        flyway(pool);
    }

    private static void flyway(HikariDataSource pool) {
        var result = migrations().dataSource(pool).load().migrate();
        if (result.migrationsExecuted > 0) {
            log.info(
                    "database_migrated migrations={} version={}",
                    result.migrationsExecuted,
                    result.targetSchemaVersion);
        }
    }

    /**
     * Brings a database to the schema as of migration {@code version} and no further, through Flyway: an earlier
     * schema to compare this build's with (GenerationRulesTest, the RuleCost harness). Never used by the product.
     */
    public static void migrateUpTo(DatabaseUrl url, String version) {
        migrations()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .target(version)
                .load()
                .migrate();
    }

    private static FluentConfiguration migrations() {
        return Flyway.configure()
                .schemas("mina_flyway")
                .createSchemas(true)
                .table("flyway_schema_history")
                .locations("classpath:me/minav3/adapters/postgres/migration");
    }
}
