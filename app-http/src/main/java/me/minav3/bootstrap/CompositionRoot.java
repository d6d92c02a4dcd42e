package me.minav3.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import me.minav3.adapters.postgres.MegaDatabase;
import me.minav3.adapters.providers.mail.MailOutbox;
import me.minav3.adapters.providers.mail.MailSettings;
import me.minav3.adapters.providers.mail.Mailers;
import me.minav3.adapters.r2.AssetStores;
import me.minav3.adapters.r2.FetcherSettings;
import me.minav3.adapters.r2.R2Settings;
import me.minav3.http.HttpSettings;
import me.minav3.http.LocalTokens;
import me.minav3.http.MinaServer;
import me.minav3.http.StreamRoutes;
import me.minav3.mma.accounts.DeleteAccount;
import me.minav3.mma.accounts.DisableAccount;
import me.minav3.mma.accounts.ExportAccount;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.assets.StorageHealth;
import me.minav3.mma.assets.StorageStatus;
import me.minav3.mma.assets.UploadLimits;
import me.minav3.mma.audit.AdminAudit;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.Foreground;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.TimeOrderedIds;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.ConfigVersions;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.credits.AdjustCredits;
import me.minav3.mma.credits.ChargeCredits;
import me.minav3.mma.credits.CreditBalance;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.credits.CreditsLeft;
import me.minav3.mma.credits.ExpireCredits;
import me.minav3.mma.credits.ExpiryJob;
import me.minav3.mma.credits.ExpiryPolicy;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.credits.ReconcileCredits;
import me.minav3.mma.engine.LiveEvent;
import me.minav3.mma.engine.MmaWorkers;
import me.minav3.mma.engine.PipelineRunner;
import me.minav3.mma.engine.PipelineServices;
import me.minav3.mma.engine.SuggestMotion;
import me.minav3.mma.engine.UserMessageSink;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.HideGeneration;
import me.minav3.mma.generation.SearchGenerations;
import me.minav3.mma.limits.EnforceLimits;
import me.minav3.mma.pricing.CostReport;
import me.minav3.mma.providers.GptContexts;
import me.minav3.mma.providers.ProviderRegistry;
import me.minav3.mma.replay.ReplayGeneration;
import me.minav3.mma.shopify.AdminApiVersion;
import me.minav3.mma.shopify.ShopifyConfig;
import me.minav3.mma.studio.DownloadGeneration;
import me.minav3.mma.studio.EmailLogin;
import me.minav3.mma.studio.EnterStudio;
import me.minav3.mma.studio.GenerationTrail;
import me.minav3.mma.studio.ReadReactions;
import me.minav3.mma.studio.RecordEvent;
import me.minav3.mma.studio.ResolvePassId;
import me.minav3.mma.studio.RevokeTokens;
import me.minav3.mma.studio.SavePreferences;
import me.minav3.mma.styles.Styles;
import me.minav3.mma.submit.AnimateStill;
import me.minav3.mma.submit.CreateStill;
import me.minav3.mma.submit.EditImage;
import me.minav3.mma.submit.MediaInputs;
import me.minav3.mma.submit.SendVideoFeedback;
import me.minav3.mma.submit.TweakStill;
import me.minav3.mma.taste.ReadTaste;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root both apps use, and the one place that knows adapters: reads {@link MinaSettings}, builds the
 * adapters, hands them to the core use cases, and hands each HTTP route group (and, through app-cli's command
 * factory, each command) the use cases it needs. Plain Java, no container: everything the product runs on is
 * visible here.
 */
public final class CompositionRoot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompositionRoot.class);

    private final MinaSettings settings;
    private final Clock clock;
    private final IdGenerator ids;
    private final MegaDatabase database;
    private final ConfigService config;
    private final GrantCredits grantCredits;
    private final AdjustCredits adjustCredits;
    private final ChargeCredits chargeCredits;
    private final CreditBalance creditBalance;
    private final ExpireCredits expireCredits;
    private final ReconcileCredits reconcileCredits;
    private final PublishConfig publishConfig;
    private final AssetStore assets;
    private final StorageStatus storage;
    private final IngestMedia media;
    private final AdminApiVersion shopifyApiVersion;
    private final ProviderRegistry providers;
    private final LiveBus live = new LiveBus();
    private final BalanceBus balances = new BalanceBus();
    private final Telemetry telemetry = new Telemetry();
    private final PipelineServices pipeline;
    private final MmaWorkers workers;
    private final CreateStill createStill;
    private final Styles styles;
    private final TweakStill tweakStill;
    private final EditImage editImage;
    private final ResolvePassId resolvePassId;
    private final EnterStudio enterStudio;
    private final RecordEvent recordEvent;
    private final SavePreferences savePreferences;
    private final HideGeneration hideGeneration;
    private final DownloadGeneration downloadGeneration;
    private final ReadReactions readReactions;
    private final ReadTaste readTaste;
    private final byte[] authSecret;
    private @Nullable EmailLogin emailLogin;
    private final MailOutbox mail;
    private final AnimateStill animateStill;
    private final SuggestMotion suggestMotion;
    private final SendVideoFeedback sendVideoFeedback;
    private final EnforceLimits enforceLimits;
    private final FindGeneration findGeneration;
    private final SearchGenerations searchGenerations;
    private final GenerationTrail generationTrail;
    private final CostReport costReport;
    private final ConfigVersions configVersions;
    private final ReplayGeneration replayGeneration;
    private final AdminAudit adminAudit;
    private final CreditsLeft creditsLeft;
    private final RevokeTokens revokeTokens;
    private boolean workersStarted;
    // Shopify matcha packs (issue 9) and the periodic expiry sweep.
    private final ShopifyServices shopify;
    private final ExpiryJob expiryJob;

    private CompositionRoot(MinaSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
        this.database = MegaDatabase.open(new MegaDatabase.Settings(
                settings.databaseUrl(),
                settings.dataDir(),
                settings.databasePoolSize(),
                "mina",
                settings.databaseRequestConnections(),
                settings.databaseRequestQueue(),
                settings.databaseIdle(),
                settings.requestsFirst()));
        try {
            // Every ledger write announces whose balance moved (decision 034).
            Credits credits = new AnnouncingCredits(database.credits(), balances);
            this.config = new ConfigService(database.config(), clock);
            config.seedDefaults();
            ExpiryPolicy expiry =
                    new ExpiryPolicy(Duration.ofDays(Json.number(config.value(ConfigKeys.CREDITS), "expiry_days", 30)));
            this.grantCredits = new GrantCredits(database.customers(), credits, database.audit(), expiry, clock, ids);
            this.adjustCredits = new AdjustCredits(database.customers(), credits, database.audit(), expiry, clock);
            this.chargeCredits = new ChargeCredits(credits, clock);
            this.creditBalance = new CreditBalance(database.customers(), credits, clock);
            this.expireCredits = new ExpireCredits(credits, clock);
            this.reconcileCredits = new ReconcileCredits(credits, database.audit(), clock, ids);
            this.publishConfig = new PublishConfig(database.config(), config, database.audit(), clock, ids);
            this.assets = R2Settings.fromEnvironment(settings::get)
                    .map(AssetStores::r2)
                    .orElseGet(() -> AssetStores.local(localAssetsDir(), settings.publicBaseUrl() + "/assets"));
            this.storage = new StorageStatus(assets, clock, StorageStatus.TTL);
            this.media = new IngestMedia(
                    assets,
                    AssetStores.fetcher(FetcherSettings.fromEnvironment(settings::get)),
                    () -> UploadLimits.fromConfig(config.value(ConfigKeys.UPLOADS)),
                    clock,
                    ids);
            this.shopifyApiVersion = new AdminApiVersion(
                    settings.get(AdminApiVersion.ENVIRONMENT),
                    () -> ShopifyConfig.from(config.value(ConfigKeys.SHOPIFY)),
                    clock);
            this.providers =
                    new ProviderRegistry(ProviderWiring.available(settings, telemetry, shopifyApiVersion), config);
            // The pipeline's statements come out of the workers' share of the pool, so requests always find a
            // connection however many jobs run (decision 038).
            MegaDatabase.WorkerStores workerSide = database.workerStores();
            this.pipeline = new PipelineServices(
                    providers,
                    new GptContexts(config, providers),
                    media,
                    workerSide.generationQueue(),
                    workerSide.generations(),
                    workerSide.events(),
                    workerSide.customers(),
                    config,
                    clock,
                    AssetStores.svgSanitizer());
            this.workers = new MmaWorkers(
                    workerSide.generationQueue(),
                    new PipelineRunner(pipeline, new UserMessageSink() {
                        @Override
                        public void publish(LiveEvent event) {
                            publishAll(List.of(event));
                        }

                        @Override
                        public void publishAll(List<LiveEvent> events) {
                            events.forEach(telemetry::observe);
                            live.publishAll(events);
                        }
                    }),
                    clock,
                    MmaWorkers.Settings.from(config, workerId(), settings.workers()));
            MediaInputs inputs = new MediaInputs(assets, media);
            this.styles = new Styles(config, database.customers(), assets, ids, clock);
            installStyleImages(styles);
            this.createStill = new CreateStill(
                    database.generationQueue(), database.sessions(), config, inputs, styles, clock, ids, workers::wake);
            this.tweakStill = new TweakStill(
                    database.generationQueue(),
                    database.sessions(),
                    database.generations(),
                    config,
                    clock,
                    ids,
                    workers::wake);
            this.editImage = new EditImage(
                    database.generationQueue(),
                    database.sessions(),
                    database.generations(),
                    database.credits(),
                    assets,
                    config,
                    clock,
                    ids,
                    workers::wake);
            this.resolvePassId = new ResolvePassId(database.customers());
            this.enterStudio = new EnterStudio(
                    resolvePassId,
                    grantCredits,
                    database.customers(),
                    credits,
                    database.sessions(),
                    config,
                    clock,
                    ids);
            this.savePreferences = new SavePreferences(database.customers(), database.events(), clock, ids);
            this.recordEvent = new RecordEvent(
                    database.generations(), database.events(), database.customers(), savePreferences, clock, ids);
            this.hideGeneration = new HideGeneration(database.generations(), clock);
            this.downloadGeneration = new DownloadGeneration(database.generations(), assets, recordEvent);
            this.readReactions = new ReadReactions(database.events());
            this.readTaste = new ReadTaste(database.events(), database.customers(), config);
            this.authSecret = AuthSecret.load(settings);
            this.mail = MailSettings.fromEnvironment(settings::get)
                    .<MailOutbox>map(smtp -> Mailers.smtp(smtp, database.audit(), clock, ids))
                    .orElseGet(LogMailer::new);
            telemetry.cachedGauge(
                    "mina.generations.queue", "unfinished generations (queued or running)", database::queueDepth);
            telemetry.gauge("mina.generations.in_flight", "generations running in this process", workers::inFlight);
            telemetry.gauge("mina.live.subscribers", "live stream subscribers in this process", live::subscriberCount);
            telemetry.gauge(
                    "mina.live.forward.dropped",
                    "live lines not sent to other processes (they replay from storage)",
                    live::droppedCount);
            telemetry.gauge(
                    "mina.db.pool.active",
                    "database connections in use",
                    () -> database.poolUsage().active());
            telemetry.gauge(
                    "mina.db.pool.pending",
                    "threads waiting for a database connection",
                    () -> database.poolUsage().pending());
            telemetry.gauge(
                    "mina.db.pool.workers.active",
                    "database connections the pipeline workers hold (at most the pool less the request reserve)",
                    () -> database.workerUsage().active());
            telemetry.gauge(
                    "mina.db.pool.workers.pending",
                    "pipeline threads waiting for the workers' share of the pool",
                    () -> database.workerUsage().pending());
            telemetry.gauge(
                    "mina.db.pool.requests.pending",
                    "requests waiting in the request queue for a database connection (decision 047)",
                    () -> database.requestUsage().pending());
            Foreground foreground = database.foreground();
            telemetry.gauge("mina.requests.serving", "requests on a request thread right now", foreground::serving);
            telemetry.counter(
                    "mina.pipeline.yielded.seconds",
                    "time pipeline statements waited for requests being served (decision 060)",
                    foreground,
                    f -> f.heldOffTime().toNanos() / 1e9);
            telemetry.counter(
                    "mina.pipeline.yielded",
                    "pipeline statements that waited for requests being served (decision 060)",
                    foreground,
                    Foreground::heldOffCount);
            telemetry.providerLimits(providers::usage);
            // Motion (spec §8): animate, "Type for me", video feedback.
            this.animateStill = new AnimateStill(
                    database.generationQueue(),
                    database.sessions(),
                    database.generations(),
                    config,
                    inputs,
                    media,
                    clock,
                    ids,
                    workers::wake);
            // "Type for me" answers an HTTP request: its reads and its event come out of the requests' connections.
            this.suggestMotion = new SuggestMotion(
                    new PipelineServices(
                            providers,
                            pipeline.contexts(),
                            media,
                            database.generationQueue(),
                            database.generations(),
                            database.events(),
                            database.customers(),
                            config,
                            clock),
                    assets,
                    ids);
            // Per-customer limits of the HTTP service (issue 17.1), counted in the database.
            this.enforceLimits = new EnforceLimits(database.usageMeters(), config, chargeCredits, clock);
            this.sendVideoFeedback = new SendVideoFeedback(
                    database.generationQueue(),
                    database.sessions(),
                    database.generations(),
                    database.events(),
                    config,
                    clock,
                    ids,
                    workers::wake);
            // Reads (studio, back office, CLI).
            this.findGeneration = new FindGeneration(database.generations());
            this.searchGenerations = new SearchGenerations(database.generations());
            this.generationTrail = new GenerationTrail(database.generations(), database.events(), database.costs());
            this.costReport = new CostReport(database.costs());
            this.configVersions = new ConfigVersions(database.config());
            this.replayGeneration = new ReplayGeneration(
                    database.generations(), database.config(), pipeline.contexts(), providers, media);
            this.adminAudit = new AdminAudit(database.audit(), clock, ids);
            this.creditsLeft = new CreditsLeft(database.customers());
            this.revokeTokens = new RevokeTokens(
                    new SharedRevocationReads(database.tokenRevocations()), database.audit(), clock, ids);
            this.shopify = new ShopifyServices(
                    database.customers(),
                    database.audit(),
                    grantCredits,
                    credits,
                    config,
                    providers,
                    clock,
                    ids,
                    settings.get(MinaSettings.SHOPIFY_WEBHOOK_SECRET),
                    settings.get(MinaSettings.SHOPIFY_STORE_DOMAIN));
            this.expiryJob = new ExpiryJob(
                    expireCredits::run,
                    () -> Duration.ofSeconds(
                            Json.number(config.value(ConfigKeys.CREDITS), "expire_every_seconds", 900)),
                    clock);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        log.info(
                "mina_started database=\"{}\" assets={} providers=\"{}\" data_dir={}",
                database.description(),
                assets.name(),
                providers.describe(),
                settings.dataDir());
    }

    public static CompositionRoot start(MinaSettings settings) {
        return new CompositionRoot(settings, Clock.system());
    }

    public static CompositionRoot start(MinaSettings settings, Clock clock) {
        return new CompositionRoot(settings, clock);
    }

    public MinaSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    public IdGenerator ids() {
        return ids;
    }

    public MegaDatabase database() {
        return database;
    }

    public ConfigService config() {
        return config;
    }

    public GrantCredits grantCredits() {
        return grantCredits;
    }

    public AdjustCredits adjustCredits() {
        return adjustCredits;
    }

    public ChargeCredits chargeCredits() {
        return chargeCredits;
    }

    public CreditBalance creditBalance() {
        return creditBalance;
    }

    public ExpireCredits expireCredits() {
        return expireCredits;
    }

    public ReconcileCredits reconcileCredits() {
        return reconcileCredits;
    }

    public PublishConfig publishConfig() {
        return publishConfig;
    }

    public AssetStore assets() {
        return assets;
    }

    /** The asset store's health, checked at most every few seconds ({@code /health}). */
    public StorageStatus storage() {
        return storage;
    }

    /** What an operator should fix, in plain words: shown by {@code serve} at start and in {@code /health}. */
    public List<String> warnings() {
        String shopify = shopifyApiVersion.current().warning();
        return shopify == null ? List.of() : List.of(shopify);
    }

    public IngestMedia media() {
        return media;
    }

    public ProviderRegistry providers() {
        return providers;
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    public LiveBus live() {
        return live;
    }

    /** Whose balance moved: what balance streams listen to (decision 034). */
    public BalanceBus balances() {
        return balances;
    }

    public PipelineServices pipeline() {
        return pipeline;
    }

    public CreateStill createStill() {
        return createStill;
    }

    /** Decision 032: the shipped preset images reach the store at start; a store outage only delays them. */
    private static void installStyleImages(Styles styles) {
        try {
            int copied = styles.installShippedImages();
            if (copied > 0) {
                log.info("style_images_installed count={}", copied);
            }
        } catch (RuntimeException e) {
            log.warn("style_images_not_installed reason=\"{}\"", e.getMessage());
        }
    }

    public Styles styles() {
        return styles;
    }

    public TweakStill tweakStill() {
        return tweakStill;
    }

    /** An edit tool run on a still (issue 23, decision 045). */
    public EditImage editImage() {
        return editImage;
    }

    public ResolvePassId resolvePassId() {
        return resolvePassId;
    }

    public EnterStudio enterStudio() {
        return enterStudio;
    }

    public RecordEvent recordEvent() {
        return recordEvent;
    }

    public SavePreferences savePreferences() {
        return savePreferences;
    }

    public HideGeneration hideGeneration() {
        return hideGeneration;
    }

    public DownloadGeneration downloadGeneration() {
        return downloadGeneration;
    }

    public ReadReactions readReactions() {
        return readReactions;
    }

    public ReadTaste readTaste() {
        return readTaste;
    }

    /** The secret that signs local login tokens (never logged). */
    public byte[] authSecret() {
        return authSecret.clone();
    }

    /** Local email-code login; codes go out through SMTP when {@code SMTP_URL} is set, else to the log. */
    public synchronized EmailLogin emailLogin() {
        if (emailLogin == null) {
            emailLogin = new EmailLogin(database.loginCodes(), mail, authSecret, clock);
        }
        return emailLogin;
    }

    /** Where login codes go, for the operator ({@code serve} prints it at start). */
    public String loginMail() {
        return mail.describe();
    }

    public AnimateStill animateStill() {
        return animateStill;
    }

    public SuggestMotion suggestMotion() {
        return suggestMotion;
    }

    /** The per-customer limits the HTTP routes apply (the CLI's local batch does not). */
    public EnforceLimits enforceLimits() {
        return enforceLimits;
    }

    public SendVideoFeedback sendVideoFeedback() {
        return sendVideoFeedback;
    }

    public FindGeneration findGeneration() {
        return findGeneration;
    }

    public SearchGenerations searchGenerations() {
        return searchGenerations;
    }

    public GenerationTrail generationTrail() {
        return generationTrail;
    }

    public CostReport costReport() {
        return costReport;
    }

    /** Replays a generation's GPT steps (decision 030): reads only, charges nothing. */
    public ReplayGeneration replayGeneration() {
        return replayGeneration;
    }

    public ConfigVersions configVersions() {
        return configVersions;
    }

    public CreditsLeft creditsLeft() {
        return creditsLeft;
    }

    /** Logout and "revoke every token of a customer" (decision 016). */
    public RevokeTokens revokeTokens() {
        return revokeTokens;
    }

    AdminAudit adminAudit() {
        return adminAudit;
    }

    /** Disable and enable an account (issue 17.6). */
    public DisableAccount disableAccount() {
        return new DisableAccount(database.accounts(), database.generationQueue(), database.audit(), clock, ids);
    }

    /** Delete an account: erase its personal data and media (issue 17.5, decision 022). */
    public DeleteAccount deleteAccount() {
        return new DeleteAccount(database.customers(), database.accounts(), disableAccount(), assets, clock);
    }

    /** Export everything stored about an account as a zip (issue 17.4). */
    public ExportAccount exportAccount() {
        ObjectMapper json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(SerializationFeature.INDENT_OUTPUT);
        return new ExportAccount(database.accounts(), assets, clock, value -> {
            try {
                return json.writeValueAsString(value);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("an export document is plain JSON values", e);
            }
        });
    }

    /** Tokens for local logins minted outside a request ({@code mina auth token}, scripts). */
    public LocalTokens localTokens() {
        return new LocalTokens(HttpSettings.from(settings::get), authSecret, clock);
    }

    /** "database: …, assets: …, providers: …": what this process runs on, for people. */
    public String describe() {
        return "database: " + database.description() + ", assets: " + assets.name() + ", providers: "
                + providers.describe();
    }

    /**
     * The HTTP server on {@code port} (0 for any free port), each route group given the use cases it needs
     * ({@link HttpWiring}). Workers are started separately ({@link #startWorkers()}).
     */
    public MinaServer startServer(int port) {
        return startServer(port, StreamRoutes.KEEP_ALIVE);
    }

    /**
     * The HTTP server with another keep-alive interval for live streams than production's
     * {@link StreamRoutes#KEEP_ALIVE}: a stream notices a client that went away when it next writes, so tests of
     * stream teardown shorten it instead of waiting 15 s.
     */
    public MinaServer startServer(int port, Duration streamKeepAlive) {
        telemetry.jvm();
        return HttpWiring.start(this, port, streamKeepAlive);
    }

    /**
     * {@code mina serve}: live lines across processes (PostgreSQL NOTIFY), this process's workers, the expiry sweep
     * and the HTTP server on the configured port.
     */
    public Serving serve() {
        List<String> warnings = new ArrayList<>(checkStorageAtStart());
        warnings.addAll(warnings());
        live.connect(database.notifications());
        balances.connect(database.balanceNotifications());
        startWorkers();
        startExpiryJob();
        log.info("login_mail \"{}\"", mail.describe());
        return new Serving(startServer(settings.port()), workers, describe(), mail.describe(), warnings);
    }

    /**
     * Decision 012: a store that refuses us (wrong bucket, bad credentials, unwritable directory) stops {@code serve}
     * with a {@link ConfigurationError} naming what to fix, before anything is served; a store that does not answer
     * is an outage that may pass, so the server starts with a loud warning and {@code /health} reports it.
     */
    List<String> checkStorageAtStart() {
        StorageHealth health = assets.check();
        switch (health.status()) {
            case UP -> {
                log.info("storage_ok store={} detail=\"{}\"", assets.name(), health.detail());
                return List.of();
            }
            case MISCONFIGURED -> {
                log.error("storage_misconfigured store={} detail=\"{}\"", assets.name(), health.detail());
                throw new ConfigurationError("storage (" + assets.name() + ") is misconfigured: " + health.detail());
            }
            default -> {
                log.warn(
                        "STORAGE UNREACHABLE AT START store={} detail=\"{}\": uploads and generations fail until it"
                                + " answers; /health reports storage down",
                        assets.name(),
                        health.detail());
                return List.of("storage (" + assets.name() + ") does not answer: " + health.detail()
                        + "; uploads and generations fail until it does");
            }
        }
    }

    /** Shopify: the order webhook, the use case behind it and {@code mina shopify replay}, tagging, checkout links. */
    public ShopifyServices shopify() {
        return shopify;
    }

    /** The Shopify Admin API version tagging calls, and the warning when it is not the configured one. */
    public AdminApiVersion shopifyApiVersion() {
        return shopifyApiVersion;
    }

    /** Starts the periodic expiry sweep ({@code mma.credits.expire_every_seconds}); the server calls it once. */
    public ExpiryJob startExpiryJob() {
        expiryJob.start();
        return expiryJob;
    }

    /** Where the local asset store keeps files (served by app-http under /assets/). */
    public java.nio.file.Path localAssetsDir() {
        return settings.dataDir().resolve("assets");
    }

    /** Starts this process's MMA workers (idempotent). */
    public synchronized MmaWorkers startWorkers() {
        if (!workersStarted) {
            workers.start();
            workersStarted = true;
        }
        return workers;
    }

    public MmaWorkers workers() {
        return workers;
    }

    /** {@code <host>:<pid>:<random>}: who holds a job's lease, readable in the database. */
    private static String workerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + ":" + ProcessHandle.current().pid() + ":"
                + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Closes every part, in order, even when one of them fails (the first failure is thrown at the end). */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (Runnable part : List.<Runnable>of(
                () -> workers.stop(workersStarted ? Duration.ofSeconds(10) : Duration.ZERO),
                expiryJob::close,
                shopify::close,
                mail::close,
                () -> balances.announceUnsent(database.balanceNotifications()),
                database::close)) {
            try {
                part.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
