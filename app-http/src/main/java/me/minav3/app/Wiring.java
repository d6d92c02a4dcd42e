package me.minav3.app;

import java.time.Duration;
import me.minav3.adapters.postgres.MegaDatabase;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.credits.ChargeCredits;
import me.minav3.mma.credits.CreditBalance;
import me.minav3.mma.credits.ExpireCredits;
import me.minav3.mma.credits.ExpiryPolicy;
import me.minav3.mma.credits.GrantCredits;
import me.minav3.mma.credits.ReconcileCredits;
import me.minav3.mma.port.Clock;
import me.minav3.mma.port.IdGenerator;
import me.minav3.mma.port.TimeOrderedIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root both apps use: reads {@link MinaSettings}, builds the adapters, hands them to the core use
 * cases. Plain Java, no container: everything the product runs on is visible here.
 */
public final class Wiring implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    private final MinaSettings settings;
    private final Clock clock;
    private final IdGenerator ids;
    private final MegaDatabase database;
    private final ConfigService config;
    private final GrantCredits grantCredits;
    private final ChargeCredits chargeCredits;
    private final CreditBalance creditBalance;
    private final ExpireCredits expireCredits;
    private final ReconcileCredits reconcileCredits;
    private final PublishConfig publishConfig;

    private Wiring(MinaSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
        this.database = MegaDatabase.open(new MegaDatabase.Settings(settings.databaseUrl(), settings.dataDir(),
                settings.databasePoolSize(), "mina"));
        try {
            this.config = new ConfigService(database.config(), clock);
            config.seedDefaults();
            ExpiryPolicy expiry = new ExpiryPolicy(Duration.ofDays(
                    me.minav3.mma.domain.Json.number(config.value(me.minav3.mma.config.ConfigKeys.CREDITS), "expiry_days", 30)));
            this.grantCredits = new GrantCredits(database.customers(), database.ledger(), database.audit(), expiry, clock, ids);
            this.chargeCredits = new ChargeCredits(database.ledger(), clock);
            this.creditBalance = new CreditBalance(database.customers(), database.ledger(), clock);
            this.expireCredits = new ExpireCredits(database.ledger(), clock);
            this.reconcileCredits = new ReconcileCredits(database.ledger(), database.audit(), clock, ids);
            this.publishConfig = new PublishConfig(database.config(), config, database.audit(), clock, ids);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        log.info("mina_started database=\"{}\" data_dir={}", database.description(), settings.dataDir());
    }

    public static Wiring start(MinaSettings settings) {
        return new Wiring(settings, Clock.system());
    }

    public static Wiring start(MinaSettings settings, Clock clock) {
        return new Wiring(settings, clock);
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

    @Override
    public void close() {
        database.close();
    }
}
