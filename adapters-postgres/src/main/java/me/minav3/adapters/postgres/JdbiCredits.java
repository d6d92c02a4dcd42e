package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.BalanceDrift;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.credits.Credits;
import me.minav3.mma.credits.PoolDrift;
import me.minav3.mma.credits.TakeBack;
import me.minav3.mma.credits.TakeBackOutcome;
import me.minav3.mma.credits.TakeBackRecord;
import me.minav3.mma.error.AccessDenied;
import me.minav3.mma.generation.NewGeneration;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jspecify.annotations.Nullable;

/**
 * The credit half of the ledger. Each movement is one transaction: the {@code credit_transaction} row and the
 * balance change commit together. A debit is a single conditional UPDATE (never read-then-write); the
 * deterministic row id makes a second application a no-op, also when both arrive at the same moment.
 *
 * <p>The row always goes in before the balance changes, so a replay stops at its id without touching the customer
 * row, and a refused debit rolls back having only locked it. Never update the balance and then roll back: an aborted
 * updater of a row that other transactions hold foreign-key locks on lets PostgreSQL fail a concurrent update with
 * "new multixact has more than one updating member" (decision 007).
 */
final class JdbiCredits implements Credits {

    private static final String INSERT_CREDIT_ROW = JdbiCustomerStore.CUSTOMER_IF_MISSING + """
            INSERT INTO public.mega_generations
                   (mg_id, mg_record_type, mg_pass_id, mg_delta, mg_reason, mg_source, mg_ref_type, mg_ref_id,
                    mg_meta, mg_created_at, mg_updated_at)
            VALUES (:tx_id, 'credit_transaction', :pass_id, :delta, :reason, :source, :ref_type, :ref_id,
                    CAST(:tx_meta AS jsonb), :at, :at)
            ON CONFLICT (mg_id) DO NOTHING""";

    /**
     * A debit's two steps as two CTEs, for a statement that begins with {@link JdbiCustomerStore#CUSTOMER_IF_MISSING}:
     * the ledger row goes in first ({@code only} may make it depend on an earlier CTE, e.g. {@code FROM created}),
     * and the balance update runs only when it did — its {@code EXISTS} over the insert is a one-time filter
     * evaluated before the customer row is read, so a replay stops at its id without touching the customer row
     * (decision 007). A refusal leaves {@code debited} empty with the row inserted, and the caller undoes the row:
     * it rolls back, or the statement raises (a charged create, decision 067); an aborted inserter, not an updater,
     * since a refused update changed nothing. Binds {@code :tx_id}, {@code :tx_meta}, {@code :pass_id}, {@code :delta},
     * {@code :reason}, {@code :source}, {@code :ref_type}, {@code :ref_id} and {@code :at} ({@link #bindEntry}).
     */
    static String ledgerRowAndDebit(String only) {
        return """
                ledger_row AS (
                    INSERT INTO public.mega_generations
                           (mg_id, mg_record_type, mg_pass_id, mg_delta, mg_reason, mg_source, mg_ref_type, mg_ref_id,
                            mg_meta, mg_created_at, mg_updated_at)
                    SELECT :tx_id, 'credit_transaction', :pass_id, :delta, :reason, :source, :ref_type, :ref_id,
                           CAST(:tx_meta AS jsonb), :at, :at %s
                    ON CONFLICT (mg_id) DO NOTHING
                    RETURNING mg_id),
                debited AS (
                    UPDATE public.mega_customers
                       SET mg_credits = mg_credits + :delta, mg_updated_at = :at
                     WHERE mg_pass_id = :pass_id AND NOT mg_disabled
                       AND mg_credits >= -CAST(:delta AS bigint)
                       AND (mg_expires_at IS NULL OR mg_expires_at > :at)
                       AND EXISTS (SELECT 1 FROM ledger_row)
                    RETURNING mg_credits)""".formatted(only);
    }

    /** A debit in one statement (one round trip instead of two); see {@link #ledgerRowAndDebit}. */
    private static final String DEBIT = JdbiCustomerStore.CUSTOMER_IF_MISSING + ", " + ledgerRowAndDebit("") + """

            SELECT EXISTS (SELECT 1 FROM ledger_row) AS inserted, (SELECT mg_credits FROM debited) AS balance""";

    private final Jdbi jdbi;
    private final JsonCodec json;

    JdbiCredits(Jdbi jdbi, JsonCodec json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    @Override
    public CreditOutcome post(CreditEntry entry) {
        return Database.call(() -> jdbi.inTransaction(h -> entry.delta() < 0 ? debit(h, entry) : creditIn(h, entry)));
    }

    /**
     * Runs inside the caller's transaction (also used when a generation is created and charged at once). A refusal
     * rolls the whole transaction back.
     */
    CreditOutcome debit(Handle h, CreditEntry entry) {
        record Debit(boolean inserted, @Nullable Long balance) {}
        Debit debit = bindEntry(h.createQuery(DEBIT), entry)
                .map((rs, ctx) -> new Debit(rs.getBoolean("inserted"), (Long) rs.getObject("balance", Long.class)))
                .one();
        if (!debit.inserted()) {
            return new CreditOutcome.AlreadyApplied(entry.id(), currentBalance(h, entry.passId()));
        }
        if (debit.balance() == null) {
            CreditOutcome refused = refusal(h, entry);
            h.rollback();
            return refused;
        }
        return new CreditOutcome.Applied(entry.id(), debit.balance());
    }

    /** Binds a ledger row's parameters for {@code entry} (those of {@link #ledgerRowAndDebit} too). */
    <S extends SqlStatement<S>> S bindEntry(S statement, CreditEntry entry) {
        return statement
                .bind("tx_id", entry.id().value())
                .bind("pass_id", entry.passId().value())
                .bind("delta", entry.delta())
                .bind("reason", entry.reason().wire())
                .bind("source", entry.source())
                .bind("ref_type", entry.refType())
                .bind("ref_id", entry.refId())
                .bind("tx_meta", metaOf(entry))
                .bind("at", Timestamps.bind(entry.at()));
    }

    /** Runs inside the caller's transaction (also used to refund a failed generation atomically with its failure). */
    CreditOutcome creditIn(Handle h, CreditEntry entry) {
        if (!insertRow(h, entry)) {
            return new CreditOutcome.AlreadyApplied(entry.id(), currentBalance(h, entry.passId()));
        }
        long balance = h.createQuery("""
                        UPDATE public.mega_customers
                           SET mg_credits = mg_credits + :delta,
                               mg_expires_at = CASE
                                   WHEN CAST(:new_expiry AS timestamptz) IS NULL THEN mg_expires_at
                                   ELSE greatest(mg_expires_at, CAST(:new_expiry AS timestamptz)) END,
                               mg_updated_at = :at
                         WHERE mg_pass_id = :pass_id
                        RETURNING mg_credits""")
                .bind("delta", entry.delta())
                .bind("new_expiry", Timestamps.bind(entry.newExpiry()))
                .bind("pass_id", entry.passId().value())
                .bind("at", Timestamps.bind(entry.at()))
                .mapTo(Long.class)
                .one();
        return new CreditOutcome.Applied(entry.id(), balance);
    }

    /** Why a debit did not apply: the account is disabled (thrown), the credits expired, or there are not enough. */
    static CreditOutcome refusal(Handle h, CreditEntry entry) {
        record State(long credits, @Nullable Instant expiresAt, boolean disabled) {}
        Optional<State> state = h.createQuery("""
                        SELECT mg_credits, mg_expires_at, mg_disabled FROM public.mega_customers
                         WHERE mg_pass_id = :pass_id""")
                .bind("pass_id", entry.passId().value())
                .map((rs, ctx) -> new State(
                        rs.getLong("mg_credits"), Timestamps.read(rs, "mg_expires_at"), rs.getBoolean("mg_disabled")))
                .findOne();
        if (state.isPresent() && state.get().disabled()) {
            // Nothing is spent on a disabled account (issue 17.6), also by a create that raced the disable.
            throw new AccessDenied(AccessDenied.Reason.FORBIDDEN, "this account is disabled");
        }
        if (state.isPresent()
                && state.get().expiresAt() != null
                && !state.get().expiresAt().isAfter(entry.at())) {
            return new CreditOutcome.Expired(
                    state.get().expiresAt(), state.get().credits());
        }
        return new CreditOutcome.InsufficientMatcha(state.map(State::credits).orElse(0L), -entry.delta());
    }

    /** The row's {@code mg_meta}: the entry's meta plus its note. */
    private @Nullable String metaOf(CreditEntry entry) {
        if (entry.note() == null) {
            return entry.meta().isEmpty() ? "{}" : json.write(entry.meta());
        }
        var meta = Json.mutableCopy(entry.meta());
        meta.put("note", entry.note());
        return json.write(meta);
    }

    private boolean insertRow(Handle h, CreditEntry entry) {
        return bindEntry(h.createUpdate(INSERT_CREDIT_ROW), entry).execute() == 1;
    }

    @Override
    public long toolPool(PassId passId) {
        return Database.call(() -> jdbi.withHandle(
                h -> h.createQuery("SELECT mg_tool_pool FROM public.mega_customers WHERE mg_pass_id = :pass_id")
                        .bind("pass_id", passId.value())
                        .mapTo(Long.class)
                        .findOne()
                        .orElse(0L)));
    }

    @Override
    public List<PoolDrift> poolDrifts() {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery(
                        """
                        WITH paid AS (
                            SELECT mg_pass_id, -SUM(mg_delta) * :units AS units FROM public.mega_generations
                             WHERE mg_record_type = 'credit_transaction' AND mg_reason = 'tool_pool'
                             GROUP BY mg_pass_id),
                        used AS (
                            SELECT mg_pass_id, SUM(CAST(mg_meta ->> '%s' AS bigint)) AS units
                              FROM public.mega_generations
                             WHERE mg_record_type = 'generation' AND jsonb_exists(mg_meta, '%s') AND mg_mma_status <> 'error'
                             GROUP BY mg_pass_id)
                        SELECT c.mg_pass_id, c.mg_tool_pool,
                               COALESCE(p.units, 0) - COALESCE(u.units, 0) AS expected
                          FROM public.mega_customers c
                          LEFT JOIN paid p ON p.mg_pass_id = c.mg_pass_id
                          LEFT JOIN used u ON u.mg_pass_id = c.mg_pass_id
                         WHERE c.mg_tool_pool <> COALESCE(p.units, 0) - COALESCE(u.units, 0)
                         ORDER BY c.mg_pass_id""".formatted(NewGeneration.POOL_SHARE_META, NewGeneration.POOL_SHARE_META))
                .bind("units", NewGeneration.POOL_UNITS_PER_MATCHA)
                .map((rs, ctx) -> new PoolDrift(
                        PassId.parse(rs.getString("mg_pass_id")), rs.getLong("mg_tool_pool"), rs.getLong("expected")))
                .list()));
    }

    static long currentBalance(Handle h, PassId passId) {
        return h.createQuery("SELECT mg_credits FROM public.mega_customers WHERE mg_pass_id = :pass_id")
                .bind("pass_id", passId.value())
                .mapTo(Long.class)
                .findOne()
                .orElse(0L);
    }

    @Override
    public Optional<CreditOutcome> expireIfDue(PassId passId, Instant now) {
        return Database.call(() -> {
            // Cheap unlocked look first: almost every read finds nothing to expire.
            boolean due = jdbi.withHandle(h -> h.createQuery("""
                            SELECT 1 FROM public.mega_customers
                             WHERE mg_pass_id = :pass_id AND mg_credits > 0 AND mg_expires_at <= :now""")
                    .bind("pass_id", passId.value())
                    .bind("now", Timestamps.bind(now))
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent());
            return due ? jdbi.inTransaction(h -> expireLocked(h, passId, now)) : Optional.<CreditOutcome>empty();
        });
    }

    private Optional<CreditOutcome> expireLocked(Handle h, PassId passId, Instant now) {
        record Due(long credits, Instant expiresAt) {}
        Optional<Due> due = h.createQuery("""
                        SELECT mg_credits, mg_expires_at FROM public.mega_customers
                         WHERE mg_pass_id = :pass_id AND mg_credits > 0 AND mg_expires_at <= :now
                           FOR UPDATE""")
                .bind("pass_id", passId.value())
                .bind("now", Timestamps.bind(now))
                .map((rs, ctx) -> new Due(
                        rs.getLong("mg_credits"),
                        Objects.requireNonNull(Timestamps.read(rs, "mg_expires_at"), "mg_expires_at")))
                .findOne();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        CreditEntry entry =
                CreditEntry.expiry(passId, due.get().credits(), due.get().expiresAt(), ledgerRows(h, passId), now);
        if (!insertRow(h, entry)) {
            return Optional.of(
                    new CreditOutcome.AlreadyApplied(entry.id(), due.get().credits()));
        }
        h.createUpdate(
                        "UPDATE public.mega_customers SET mg_credits = 0, mg_updated_at = :now WHERE mg_pass_id = :pass_id")
                .bind("pass_id", passId.value())
                .bind("now", Timestamps.bind(now))
                .execute();
        return Optional.of(new CreditOutcome.Applied(entry.id(), 0));
    }

    private static long ledgerRows(Handle h, PassId passId) {
        return h.createQuery("""
                        SELECT count(*) FROM public.mega_generations
                         WHERE mg_pass_id = :pass_id AND mg_record_type = 'credit_transaction'""")
                .bind("pass_id", passId.value())
                .mapTo(Long.class)
                .one();
    }

    @Override
    public List<PassId> expiredWithBalance(Instant now, int limit) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_pass_id FROM public.mega_customers
                         WHERE mg_credits > 0 AND mg_expires_at <= :now
                         ORDER BY mg_expires_at, mg_pass_id
                         LIMIT :limit""")
                .bind("now", Timestamps.bind(now))
                .bind("limit", limit)
                .map((rs, ctx) -> PassId.parse(rs.getString(1)))
                .list()));
    }

    @Override
    public List<CreditTransaction> history(PassId passId, int limit) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_id, mg_pass_id, mg_delta, mg_reason, mg_source, mg_ref_type, mg_ref_id,
                               mg_meta::text AS mg_meta, mg_created_at
                          FROM public.mega_generations
                         WHERE mg_pass_id = :pass_id AND mg_record_type = 'credit_transaction'
                         ORDER BY mg_created_at DESC, mg_id DESC
                         LIMIT :limit""")
                .bind("pass_id", passId.value())
                .bind("limit", limit)
                .map((rs, ctx) -> transaction(rs))
                .list()));
    }

    @Override
    public List<BalanceDrift> drifts() {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT c.mg_pass_id, c.mg_credits, coalesce(l.total, 0) AS total, coalesce(l.rows, 0) AS rows
                          FROM public.mega_customers c
                          LEFT JOIN (SELECT mg_pass_id, sum(mg_delta) AS total, count(*) AS rows
                                       FROM public.mega_generations
                                      WHERE mg_record_type = 'credit_transaction'
                                      GROUP BY mg_pass_id) l ON l.mg_pass_id = c.mg_pass_id
                         WHERE c.mg_credits <> coalesce(l.total, 0)
                         ORDER BY c.mg_pass_id""")
                .map((rs, ctx) -> new BalanceDrift(
                        PassId.parse(rs.getString("mg_pass_id")),
                        rs.getLong("mg_credits"),
                        rs.getLong("total"),
                        rs.getLong("rows")))
                .list()));
    }

    @Override
    public CreditOutcome correct(BalanceDrift drift, String source, Instant at) {
        return Database.call(() -> jdbi.inTransaction(h -> {
            // Recompute under the customer's row lock: the drift may have changed since it was reported.
            long balance = h.createQuery(
                            "SELECT mg_credits FROM public.mega_customers WHERE mg_pass_id = :pass_id FOR UPDATE")
                    .bind("pass_id", drift.passId().value())
                    .mapTo(Long.class)
                    .one();
            record Sum(long total, long rows) {}
            Sum sum = h.createQuery("""
                            SELECT coalesce(sum(mg_delta), 0) AS total, count(*) AS rows FROM public.mega_generations
                             WHERE mg_pass_id = :pass_id AND mg_record_type = 'credit_transaction'""")
                    .bind("pass_id", drift.passId().value())
                    .map((rs, ctx) -> new Sum(rs.getLong("total"), rs.getLong("rows")))
                    .one();
            CreditTxId id = CreditTxId.correction(drift.passId(), sum.rows());
            if (balance == sum.total()) {
                return new CreditOutcome.AlreadyApplied(id, balance);
            }
            CreditEntry entry = CreditEntry.correction(drift.passId(), balance, sum.total(), sum.rows(), source, at);
            return insertRow(h, entry)
                    ? new CreditOutcome.Applied(id, balance)
                    : new CreditOutcome.AlreadyApplied(id, balance);
        }));
    }

    private CreditTransaction transaction(java.sql.ResultSet rs) throws java.sql.SQLException {
        var meta = json.readMapOrEmpty(rs.getString("mg_meta"));
        return new CreditTransaction(
                new CreditTxId(rs.getString("mg_id")),
                PassId.parse(rs.getString("mg_pass_id")),
                rs.getLong("mg_delta"),
                CreditReason.fromWire(rs.getString("mg_reason")),
                rs.getString("mg_source"),
                rs.getString("mg_ref_type"),
                rs.getString("mg_ref_id"),
                Json.stringOrNull(meta, "note"),
                Timestamps.readRequired(rs, "mg_created_at"),
                meta);
    }

    @Override
    public Optional<CreditTransaction> find(CreditTxId id) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_id, mg_pass_id, mg_delta, mg_reason, mg_source, mg_ref_type, mg_ref_id,
                               mg_meta::text AS mg_meta, mg_created_at
                          FROM public.mega_generations
                         WHERE mg_id = :id AND mg_record_type = 'credit_transaction'""")
                .bind("id", id.value())
                .map((rs, ctx) -> transaction(rs))
                .findOne()));
    }

    /**
     * One transaction under the customer's row lock ({@code FOR NO KEY UPDATE}: every balance change of the customer
     * waits for it, inserts of rows that reference the customer do not), so owed, taken and the balance are decided on
     * values nobody changes meanwhile, and a concurrent delivery of the same take-back finds the record and stops. No
     * path updates the balance and rolls back (decision 007).
     */
    @Override
    public TakeBackOutcome takeBack(TakeBack takeBack) {
        return Database.call(() -> jdbi.inTransaction(h -> {
            record Holder(long credits, @Nullable Instant expiresAt) {}
            Optional<Holder> holder = h.createQuery("""
                            SELECT mg_credits, mg_expires_at FROM public.mega_customers
                             WHERE mg_pass_id = :pass_id FOR NO KEY UPDATE""")
                    .bind("pass_id", takeBack.passId().value())
                    .map((rs, ctx) -> new Holder(rs.getLong("mg_credits"), Timestamps.read(rs, "mg_expires_at")))
                    .findOne();
            long balance = holder.map(Holder::credits).orElse(0L);
            Optional<TakeBackRecord> earlier = h.createQuery("""
                            SELECT mg_pass_id, mg_meta::text AS mg_meta, mg_created_at FROM public.mega_generations
                             WHERE mg_id = :id AND mg_record_type = 'mma_event'""")
                    .bind("id", "mma_event:" + TakeBackRecord.eventIdOf(takeBack.id()))
                    .map((rs, ctx) -> takeBackRecord(rs))
                    .findOne();
            if (earlier.isPresent() || holder.isEmpty()) {
                return earlier.map(r -> new TakeBackOutcome(r, false, balance))
                        .orElseThrow(() -> new me.minav3.mma.error.NotFound(
                                "no customer " + takeBack.passId().value()));
            }
            long bought = h.createQuery("""
                            SELECT greatest(mg_delta, 0) FROM public.mega_generations
                             WHERE mg_id = :id AND mg_record_type = 'credit_transaction' AND mg_pass_id = :pass_id""")
                    .bind("id", takeBack.purchase().value())
                    .bind("pass_id", takeBack.passId().value())
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(0L);
            long owedBefore = h.createQuery("""
                            SELECT coalesce(sum((mg_meta->>'owed')::bigint), 0) FROM public.mega_generations
                             WHERE mg_pass_id = :pass_id AND mg_record_type = 'mma_event'
                               AND mg_id LIKE 'mma_event:shopify\\_refund:%'
                               AND mg_meta->>'event_type' = 'shopify_refund'
                               AND mg_meta->>'purchase_id' = :purchase""")
                    .bind("pass_id", takeBack.passId().value())
                    .bind("purchase", takeBack.purchase().value())
                    .mapTo(Long.class)
                    .one();
            long owed = Math.max(0, Math.min(takeBack.requested(), bought - owedBefore));
            Instant expiresAt = holder.get().expiresAt();
            long available = expiresAt != null && !expiresAt.isAfter(takeBack.at()) ? 0 : balance;
            long taken = Math.min(owed, available);
            TakeBackRecord record = takeBack.decided(owed, taken);
            h.createUpdate("""
                            INSERT INTO public.mega_generations
                                   (mg_id, mg_record_type, mg_pass_id, mg_meta, mg_created_at, mg_updated_at)
                            VALUES (:id, 'mma_event', :pass_id, CAST(:meta AS jsonb), :at, :at)""")
                    .bind("id", "mma_event:" + record.eventId())
                    .bind("pass_id", record.passId().value())
                    .bind("meta", json.write(record.eventMeta()))
                    .bind("at", Timestamps.bind(record.at()))
                    .execute();
            if (taken == 0) {
                return new TakeBackOutcome(record, true, balance);
            }
            if (!insertRow(h, takeBack.entry(taken))) {
                throw new IllegalStateException("take-back row " + takeBack.id() + " exists without its record");
            }
            long after = h.createQuery("""
                            UPDATE public.mega_customers
                               SET mg_credits = mg_credits - :taken, mg_updated_at = :at
                             WHERE mg_pass_id = :pass_id
                            RETURNING mg_credits""")
                    .bind("taken", taken)
                    .bind("pass_id", takeBack.passId().value())
                    .bind("at", Timestamps.bind(takeBack.at()))
                    .mapTo(Long.class)
                    .one();
            return new TakeBackOutcome(record, true, after);
        }));
    }

    private TakeBackRecord takeBackRecord(java.sql.ResultSet rs) throws java.sql.SQLException {
        return TakeBackRecord.fromEvent(
                PassId.parse(rs.getString("mg_pass_id")),
                json.readMapOrEmpty(rs.getString("mg_meta")),
                Timestamps.readRequired(rs, "mg_created_at"));
    }

    @Override
    public List<TakeBackRecord> takeBacks(@Nullable PassId passId, int limit) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_pass_id, mg_meta::text AS mg_meta, mg_created_at FROM public.mega_generations
                         WHERE mg_record_type = 'mma_event'
                           AND (CAST(:pass_id AS text) IS NULL OR mg_pass_id = :pass_id)
                           AND mg_id LIKE 'mma_event:shopify\\_refund:%'
                           AND mg_meta->>'event_type' = 'shopify_refund'
                         ORDER BY mg_created_at DESC, mg_id DESC
                         LIMIT :limit""")
                .bind("pass_id", passId == null ? null : passId.value())
                .bind("limit", limit)
                .map((rs, ctx) -> takeBackRecord(rs))
                .list()));
    }
}
