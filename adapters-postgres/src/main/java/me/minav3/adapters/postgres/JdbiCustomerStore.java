package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.customers.Preferences;
import me.minav3.mma.error.NotFound;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/** MEGA_CUSTOMERS through Jdbi. */
final class JdbiCustomerStore implements CustomerStore {

    private final Jdbi jdbi;
    private final JsonCodec json;
    private final CustomerRows rows;

    JdbiCustomerStore(Jdbi jdbi, JsonCodec json) {
        this.jdbi = jdbi;
        this.json = json;
        this.rows = new CustomerRows(json);
    }

    @Override
    public Customer ensure(PassId passId, CustomerProfile profile, Instant now) {
        return Database.call(() -> jdbi.inTransaction(h -> {
            insertIfMissing(h, passId, now);
            // Fill only facts that are missing, and write nothing when there is nothing new (no dead tuples). A deleted
            // account learns nothing again: its personal data stays erased (decision 022).
            h.createUpdate("""
                            UPDATE public.mega_customers
                               SET mg_email = coalesce(mg_email, :email),
                                   mg_user_id = coalesce(mg_user_id, :user_id),
                                   mg_shopify_customer_id = coalesce(mg_shopify_customer_id, :shopify_id),
                                   mg_updated_at = :now
                             WHERE mg_pass_id = :pass_id AND mg_deleted_at IS NULL
                               AND ((mg_email IS NULL AND :email IS NOT NULL)
                                 OR (mg_user_id IS NULL AND :user_id IS NOT NULL)
                                 OR (mg_shopify_customer_id IS NULL AND CAST(:shopify_id AS bigint) IS NOT NULL))""")
                    .bind("pass_id", passId.value())
                    .bind("email", profile.email())
                    .bind("user_id", profile.userId())
                    .bind("shopify_id", profile.shopifyCustomerId())
                    .bind("now", Timestamps.bind(now))
                    .execute();
            return select(h, passId).orElseThrow();
        }));
    }

    /**
     * Put in front of an INSERT into MEGA_GENERATIONS (which binds {@code :pass_id} and {@code :at}): creates the
     * customer row with a zero balance unless it exists, in the same statement, so the row's foreign key holds.
     * Safe when several callers race; takes no lock on an existing row. The {@code NOT EXISTS} first: without it the
     * insert's conflict check waits for any transaction that has changed the row and not yet committed (another
     * create's debit), and every such waiter wakes at each commit (decision 067).
     */
    static final String CUSTOMER_IF_MISSING = """
            WITH customer_if_missing AS (
                INSERT INTO public.mega_customers (mg_pass_id, mg_credits, mg_created_at, mg_updated_at)
                SELECT :pass_id, 0, :at, :at
                 WHERE NOT EXISTS (SELECT 1 FROM public.mega_customers WHERE mg_pass_id = :pass_id)
                ON CONFLICT (mg_pass_id) DO NOTHING)
            """;

    /** Creates the row with a zero balance unless it exists; safe when several callers race. */
    static void insertIfMissing(Handle h, PassId passId, Instant now) {
        h.createUpdate("""
                        INSERT INTO public.mega_customers (mg_pass_id, mg_credits, mg_created_at, mg_updated_at)
                        VALUES (:pass_id, 0, :now, :now)
                        ON CONFLICT (mg_pass_id) DO NOTHING""")
                .bind("pass_id", passId.value())
                .bind("now", Timestamps.bind(now))
                .execute();
    }

    @Override
    public Optional<Customer> find(PassId passId) {
        return Database.call(() -> jdbi.withHandle(h -> select(h, passId)));
    }

    private Optional<Customer> select(Handle h, PassId passId) {
        return h.createQuery(
                        "SELECT " + CustomerRows.COLUMNS + " FROM public.mega_customers WHERE mg_pass_id = :pass_id")
                .bind("pass_id", passId.value())
                .map(rows)
                .findOne();
    }

    @Override
    public Optional<Customer> findByEmail(String email) {
        return oldestLiveWhere("mg_email", CustomerProfile.ofEmail(email).email());
    }

    @Override
    public Optional<Customer> findByShopifyCustomerId(long shopifyCustomerId) {
        return oldestLiveWhere("mg_shopify_customer_id", shopifyCustomerId);
    }

    @Override
    public Optional<Customer> findByUserId(String userId) {
        return oldestLiveWhere("mg_user_id", userId);
    }

    /** The oldest customer not deleted whose {@code column} (a constant of this class, never input) holds value. */
    private Optional<Customer> oldestLiveWhere(String column, @Nullable Object value) {
        return Database.call(
                () -> jdbi.withHandle(h -> h.createQuery("SELECT " + CustomerRows.COLUMNS + """
                         FROM public.mega_customers
                        WHERE %s = :value AND mg_deleted_at IS NULL
                        ORDER BY mg_created_at, mg_pass_id
                        LIMIT 1""".formatted(column))
                        .bind("value", value)
                        .map(rows)
                        .findOne()));
    }

    @Override
    public boolean compareAndSetMeta(
            PassId passId,
            String key,
            @Nullable Map<String, Object> expected,
            Map<String, Object> replacement,
            Instant at) {
        return Database.call(() -> jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE public.mega_customers
                           SET mg_meta = CASE WHEN CAST(:replacement AS jsonb) IS NULL THEN mg_meta - :key
                                              ELSE jsonb_set(mg_meta, ARRAY[:key], CAST(:replacement AS jsonb)) END,
                               mg_updated_at = :at
                         WHERE mg_pass_id = :pass_id
                           AND (mg_meta -> :key) IS NOT DISTINCT FROM CAST(:expected AS jsonb)""")
                        .bind("pass_id", passId.value())
                        .bind("key", key)
                        .bind("expected", json.write(expected))
                        .bind("replacement", json.write(replacement))
                        .bind("at", Timestamps.bind(at))
                        .execute()
                == 1));
    }

    @Override
    public void touch(PassId passId, Instant at) {
        Database.run(() -> jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE public.mega_customers
                           SET mg_last_active = :at, mg_updated_at = :at
                         WHERE mg_pass_id = :pass_id
                           AND (mg_last_active IS NULL OR mg_last_active < :at)""")
                .bind("pass_id", passId.value())
                .bind("at", Timestamps.bind(at))
                .execute()));
    }

    @Override
    public Customer savePreferences(PassId passId, Preferences preferences, Instant at) {
        return Database.call(() -> jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE public.mega_customers
                               SET mg_mma_preferences = CAST(:prefs AS jsonb),
                                   mg_mma_preferences_updated_at = :at,
                                   mg_updated_at = :at
                             WHERE mg_pass_id = :pass_id""")
                    .bind("pass_id", passId.value())
                    .bind("prefs", json.write(CustomerRows.preferencesJson(preferences)))
                    .bind("at", Timestamps.bind(at))
                    .execute();
            if (updated == 0) {
                throw new NotFound("no customer " + passId.value());
            }
            return select(h, passId).orElseThrow();
        }));
    }

    @Override
    public List<Customer> search(String text, @Nullable PassId afterPassId, int limit) {
        String wanted = text.strip();
        Long shopifyId = wanted.matches("[1-9][0-9]{0,17}") ? Long.valueOf(wanted) : null;
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("SELECT " + CustomerRows.COLUMNS + """
                         FROM public.mega_customers
                        WHERE mg_pass_id > :after
                          AND ((:prefix <> '' AND lower(mg_email) LIKE :prefix ESCAPE '!')
                               OR mg_pass_id = :text OR split_part(mg_pass_id, ':', 3) = :text
                               OR mg_shopify_customer_id = CAST(:shopify AS bigint))
                        ORDER BY mg_pass_id
                        LIMIT :limit""")
                .bind("after", afterPassId == null ? "" : afterPassId.value())
                .bind(
                        "prefix",
                        wanted.isEmpty()
                                ? ""
                                : wanted.toLowerCase(java.util.Locale.ROOT)
                                                .replace("!", "!!")
                                                .replace("%", "!%")
                                                .replace("_", "!_")
                                        + "%")
                .bind("text", wanted)
                .bind("shopify", shopifyId)
                .bind("limit", Math.max(1, Math.min(limit, 1000)))
                .map(rows)
                .list()));
    }

    @Override
    public List<Customer> list(PassId afterPassId, int limit) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("SELECT " + CustomerRows.COLUMNS + """
                         FROM public.mega_customers
                        WHERE mg_pass_id > :after
                        ORDER BY mg_pass_id
                        LIMIT :limit""")
                .bind("after", afterPassId == null ? "" : afterPassId.value())
                .bind("limit", Math.max(1, Math.min(limit, 1000)))
                .map(rows)
                .list()));
    }
}
