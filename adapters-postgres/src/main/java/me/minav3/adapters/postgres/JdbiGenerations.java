package me.minav3.adapters.postgres;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.FailureCause;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.GenerationQuery;
import me.minav3.mma.generation.GenerationQueue;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.generation.NewGeneration;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.generation.StepUpdate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.jspecify.annotations.Nullable;

/**
 * Generation rows as jobs. A job is claimed with {@code FOR UPDATE SKIP LOCKED} and a lease kept in the row;
 * every later write is guarded by the lease owner, so a worker that lost its lease cannot overwrite the one
 * that took over. No transaction is ever held while a provider works.
 */
final class JdbiGenerations implements GenerationQueue, Generations {

    private static final String UNFINISHED = LeaseWrites.UNFINISHED;
    /** Not a generation of a deleted account (its erasure sets {@code mg_status = 'erased'}; decision 022). */
    private static final String VISIBLE = "mg_status IS DISTINCT FROM 'erased'";

    /**
     * A generation's failure: guarded by its lease owner when a worker fails it, by nothing more when not. By id
     * without the record type, as {@link LeaseWrites}' writes.
     */
    static final String FAIL_SQL = """
            UPDATE public.mega_generations
               SET mg_mma_status = 'error', mg_error = :error, mg_mma_vars = CAST(:vars AS jsonb),
                   mg_lease_owner = NULL, mg_lease_until = NULL, mg_updated_at = :at
             WHERE mg_id = :id AND %s
               AND (CAST(:worker AS text) IS NULL OR mg_lease_owner = :worker)""".formatted(UNFINISHED);

    private final Jdbi jdbi;
    private final JsonCodec json;
    private final JdbiCredits credits;
    private final JdbiEvents events;
    private final GenerationRows rows;
    private final LeaseWrites leases;

    /** @param connections the ones {@code jdbi} uses, for the statements on plain JDBC (decision 053) */
    JdbiGenerations(Jdbi jdbi, DataSource connections, JsonCodec json, JdbiCredits credits, JdbiEvents events) {
        this.jdbi = jdbi;
        this.json = json;
        this.credits = credits;
        this.events = events;
        this.rows = new GenerationRows(json);
        this.leases = new LeaseWrites(connections, json, rows);
    }

    @Override
    public CreateOutcome create(NewGeneration g) {
        if (g.poolShare() == 0 && !g.cost().isZero()) {
            return createCharged(g);
        }
        return Database.call(() -> jdbi.inTransaction(h -> {
            // The generation row first: a replayed create stops here, before the balance is touched (JdbiCredits).
            Optional<Generation> inserted = insert(h, g);
            if (inserted.isEmpty()) {
                return existing(h, g.id());
            }
            Generation created = inserted.get();
            if (g.poolShare() > 0) {
                return drawToolPool(h, g, created);
            }
            // A free generation: a charged one is createCharged's.
            return new CreateOutcome.Created(created, JdbiCredits.currentBalance(h, g.passId()));
        }));
    }

    /**
     * A charged generation in one statement, committed as it ends (decision 067): its row, its event, its ledger row
     * and the debit, in that order. The customer row is locked from the debit to the commit only, with no round trip
     * to this process in between, and a create never waits on another create's debit before its own. A replay
     * inserts nothing and stops before the balance (as {@link JdbiCredits}' debit). A refusal raises {@code MG001}
     * in the statement ({@code mega_refuse_charge}, V13), which undoes all of it; why is read after.
     */
    private CreateOutcome createCharged(NewGeneration g) {
        record Charged(@Nullable Instant createdAt, long ledgerRows, long balance) {}
        CreditEntry charge = CreditEntry.charge(g.passId(), g.id(), g.cost(), g.at());
        Map<String, Object> meta = g.meta(); // no pool share on this path (metaOf)
        return Database.call(() -> jdbi.withHandle(h -> {
            Charged charged;
            try {
                charged = credits.bindEntry(
                                bindGeneration(
                                        h.createQuery(g.event() == null ? CHARGED : CHARGED_WITH_EVENT), g, meta),
                                charge)
                        .map((rs, ctx) -> new Charged(
                                Timestamps.read(rs, "created_at"), rs.getLong("ledger_rows"), rs.getLong("balance")))
                        .one();
            } catch (UnableToExecuteStatementException e) {
                if (!REFUSED.equals(Database.sqlState(e))) {
                    throw e;
                }
                return switch (JdbiCredits.refusal(h, charge)) { // a disabled account throws
                    case CreditOutcome.Expired expired -> new CreateOutcome.Expired(expired.expiredAt());
                    case CreditOutcome.InsufficientMatcha refused ->
                        new CreateOutcome.InsufficientMatcha(refused.balance(), refused.needed());
                    case CreditOutcome other -> throw new IllegalStateException("not a refusal: " + other);
                };
            }
            if (charged.createdAt() == null) {
                return existing(h, g.id());
            }
            if (charged.ledgerRows() == 0) {
                throw new IllegalStateException("the charge of " + g.id().mgId() + " exists without its generation");
            }
            return new CreateOutcome.Created(
                    Generation.queued(g, g.document(), meta, charged.createdAt()), charged.balance());
        }));
    }

    /** The SQLSTATE of {@code mega_refuse_charge} (V13): a charged create's debit did not apply. */
    private static final String REFUSED = "MG001";

    /**
     * A tool run's share from the customer's pool (decision 042), under the customer row's lock: one matcha moved
     * in first ({@code credit_transaction:pool:<id>}) when the pool holds less than the share. A refusal rolls the
     * new row back with it.
     */
    private CreateOutcome drawToolPool(Handle h, NewGeneration g, Generation created) {
        record Pool(long units, @Nullable Instant expiresAt, boolean disabled) {}
        Pool pool = h.createQuery("""
                        SELECT mg_tool_pool, mg_expires_at, mg_disabled FROM public.mega_customers
                         WHERE mg_pass_id = :pass_id FOR NO KEY UPDATE""")
                .bind("pass_id", g.passId().value())
                .map((rs, ctx) -> new Pool(
                        rs.getLong("mg_tool_pool"), Timestamps.read(rs, "mg_expires_at"), rs.getBoolean("mg_disabled")))
                .one();
        if (pool.disabled()) {
            throw new me.minav3.mma.error.AccessDenied(
                    me.minav3.mma.error.AccessDenied.Reason.FORBIDDEN, "this account is disabled");
        }
        if (pool.expiresAt() != null && !pool.expiresAt().isAfter(g.at())) {
            h.rollback();
            return new CreateOutcome.Expired(pool.expiresAt());
        }
        long added = 0;
        if (pool.units() < g.poolShare()) {
            switch (credits.debit(h, CreditEntry.toolPool(g.passId(), g.id(), g.at()))) {
                case CreditOutcome.InsufficientMatcha refused -> {
                    return new CreateOutcome.InsufficientMatcha(refused.balance(), refused.needed());
                }
                case CreditOutcome.Expired refused -> {
                    return new CreateOutcome.Expired(refused.expiredAt());
                }
                case CreditOutcome.Applied applied -> added = NewGeneration.POOL_UNITS_PER_MATCHA;
                case CreditOutcome.AlreadyApplied already ->
                    throw new IllegalStateException(
                            "the pool top-up of " + g.id().mgId() + " exists without its generation");
            }
        }
        long balance = h.createQuery("""
                        UPDATE public.mega_customers
                           SET mg_tool_pool = mg_tool_pool + :added - :share, mg_updated_at = :at
                         WHERE mg_pass_id = :pass_id
                        RETURNING mg_credits""")
                .bind("added", added)
                .bind("share", g.poolShare())
                .bind("at", Timestamps.bind(g.at()))
                .bind("pass_id", g.passId().value())
                .mapTo(Long.class)
                .one();
        return new CreateOutcome.Created(created, balance);
    }

    private CreateOutcome existing(Handle h, GenerationId id) {
        return new CreateOutcome.AlreadyExists(find(h, id)
                .orElseThrow(() -> new IllegalStateException(id.mgId() + " was neither inserted nor found")));
    }

    /**
     * The generation row, with the event that created it in the same statement (one round trip): the event goes in
     * only when the generation did, so a replayed create writes neither. The new row is what was just written, so it
     * is built from the request, not read back (which parsed its JSON again on every create); only its time comes
     * from the row, as the column keeps it. {@code whatACreateReturnsIsWhatAReadOfTheRowReturns} holds both equal.
     */
    private Optional<Generation> insert(Handle h, NewGeneration g) {
        Map<String, Object> meta = metaOf(g);
        return bindGeneration(
                        h.createQuery(g.event() == null ? INSERT_GENERATION : INSERT_GENERATION_WITH_EVENT), g, meta)
                .map((rs, ctx) -> Timestamps.readRequired(rs, "mg_created_at"))
                .findOne()
                .map(at -> Generation.queued(g, g.document(), meta, at));
    }

    /** Binds the generation row of {@link #INSERT_GENERATION_ROW} and, when there is one, its event. */
    private Query bindGeneration(Query query, NewGeneration g, Map<String, Object> meta) {
        MmaEvent event = g.event();
        query.bind("id", g.id().mgId())
                .bind("pass_id", g.passId().value())
                .bind("session_id", g.sessionId())
                .bind("parent_id", g.parentId() == null ? null : g.parentId().mgId())
                .bind("mode", g.mode().wire())
                .bind("vars", json.write(GenerationDocumentCodec.encode(g.document())))
                .bind("meta", json.write(meta))
                .bind("at", Timestamps.bind(g.at()));
        if (event != null) {
            query.bind("event_id", event.mgId())
                    .bind("event_pass_id", event.passId().value())
                    .bind(
                            "event_generation",
                            event.generationId() == null
                                    ? null
                                    : event.generationId().mgId())
                    .bind("event_meta", events.metaJson(event))
                    .bind("event_at", Timestamps.bind(event.at()));
        }
        return query;
    }

    private static final String INSERT_GENERATION_ROW = JdbiCustomerStore.CUSTOMER_IF_MISSING + """
            , created AS (
                INSERT INTO public.mega_generations
                       (mg_id, mg_record_type, mg_pass_id, mg_session_id, mg_generation_id, mg_parent_id,
                        mg_mma_mode, mg_mma_status, mg_mma_vars, mg_meta, mg_created_at, mg_updated_at)
                VALUES (:id, 'generation', :pass_id, :session_id, :id, :parent_id, :mode, 'queued',
                        CAST(:vars AS jsonb), CAST(:meta AS jsonb), :at, :at)
                ON CONFLICT (mg_id) DO NOTHING
                RETURNING mg_created_at)
            """;

    private static final String INSERT_GENERATION = INSERT_GENERATION_ROW + "SELECT * FROM created";

    /** The create's event, inserted only when the generation was (a replay writes neither). */
    private static final String EVENT = """
            , event AS (
                INSERT INTO public.mega_generations
                       (mg_id, mg_record_type, mg_pass_id, mg_generation_id, mg_meta, mg_created_at, mg_updated_at)
                SELECT :event_id, 'mma_event', :event_pass_id, :event_generation, CAST(:event_meta AS jsonb),
                       :event_at, :event_at
                  FROM created
                ON CONFLICT (mg_id) DO NOTHING
                RETURNING mg_id)
            """;

    private static final String INSERT_GENERATION_WITH_EVENT = INSERT_GENERATION_ROW + EVENT + "SELECT * FROM created";

    /**
     * The charged create: the main query reads the CTEs in the order they should run (a CTE runs when it is first
     * read), so the debit, which locks the customer row, comes last. A ledger row without its debit is a refusal.
     */
    private static final String CHARGED_SELECT = """
            SELECT (SELECT mg_created_at FROM created) AS created_at, %s
                   (SELECT count(*) FROM ledger_row) AS ledger_rows,
                   CASE WHEN NOT EXISTS (SELECT 1 FROM ledger_row) THEN 0
                        WHEN EXISTS (SELECT 1 FROM debited) THEN (SELECT mg_credits FROM debited)
                        ELSE public.mega_refuse_charge() END AS balance""";

    private static final String CHARGED = INSERT_GENERATION_ROW + ", " + JdbiCredits.ledgerRowAndDebit("FROM created")
            + "\n" + CHARGED_SELECT.formatted("");

    private static final String CHARGED_WITH_EVENT = INSERT_GENERATION_ROW + EVENT + ", "
            + JdbiCredits.ledgerRowAndDebit("FROM created") + "\n"
            + CHARGED_SELECT.formatted("(SELECT count(*) FROM event) AS events,");

    private static Map<String, Object> metaOf(NewGeneration g) {
        if (g.poolShare() == 0) {
            return g.meta();
        }
        var meta = new java.util.LinkedHashMap<String, Object>(g.meta());
        meta.put(NewGeneration.POOL_SHARE_META, g.poolShare());
        return meta;
    }

    @Override
    public Optional<Generation> find(GenerationId id) {
        return Database.call(() -> jdbi.withHandle(h -> find(h, id)));
    }

    private Optional<Generation> find(Handle h, GenerationId id) {
        return h.createQuery("SELECT " + GenerationRows.COLUMNS
                        + " FROM public.mega_generations WHERE mg_id = :id AND mg_record_type = 'generation' AND "
                        + VISIBLE)
                .bind("id", id.mgId())
                .map(rows)
                .findOne();
    }

    @Override
    public Optional<Generation> claimNext(String workerId, Instant now, Duration lease) {
        return claimUpTo(workerId, now, lease, 1).stream().findFirst();
    }

    @Override
    public List<Generation> claimUpTo(String workerId, Instant now, Duration lease, int max) {
        return leases.claimUpTo(workerId, now, lease, max);
    }

    @Override
    public Optional<Generation> claim(GenerationId id, String workerId, Instant now, Duration lease) {
        return leases.claim(id, workerId, now, lease);
    }

    @Override
    public boolean renewLease(GenerationId id, String workerId, Instant until) {
        return leases.renewLease(id, workerId, until);
    }

    @Override
    public void releaseLease(GenerationId id, String workerId) {
        leases.releaseLease(id, workerId);
    }

    @Override
    public boolean progress(
            GenerationId id, String workerId, MmaStatus status, GenerationDocument document, Instant at) {
        return leases.progress(id, workerId, status, document, at);
    }

    @Override
    public boolean recordStep(StepRecord step, String workerId, StepUpdate update, Instant at) {
        return leases.recordStep(step, workerId, update, at);
    }

    @Override
    // The free-generation branch answers Applied(null, balance) as before; the core declares Applied's id non-null
    // (reported to the lead: CreditOutcome.Applied.id should be @Nullable, or that branch needs its own outcome).
    @SuppressWarnings("NullAway")
    public Optional<CreditOutcome> fail(
            GenerationId id,
            @Nullable String workerId,
            @Nullable StepRecord failedStep,
            String error,
            GenerationDocument document,
            @Nullable CreditEntry refund,
            Instant at) {
        return Database.call(() -> jdbi.inTransaction(h -> {
            int updated = h.createUpdate(FAIL_SQL)
                    .bind("id", id.mgId())
                    .bind("worker", workerId)
                    .bind("error", error)
                    .bind("vars", json.write(GenerationDocumentCodec.encode(document)))
                    .bind("at", Timestamps.bind(at))
                    .execute();
            if (updated == 0) {
                return Optional.<CreditOutcome>empty();
            }
            if (failedStep != null) {
                leases.insertStep(h.getConnection(), failedStep, passIdOf(h, id));
            }
            // A tool run's pool share goes back to the pool with its failure, so once (decision 042).
            h.createUpdate("""
                            UPDATE public.mega_customers c
                               SET mg_tool_pool = c.mg_tool_pool + CAST(g.mg_meta ->> '%s' AS bigint)
                              FROM public.mega_generations g
                             WHERE g.mg_id = :id AND c.mg_pass_id = g.mg_pass_id AND jsonb_exists(g.mg_meta, '%s')""".formatted(NewGeneration.POOL_SHARE_META, NewGeneration.POOL_SHARE_META))
                    .bind("id", id.mgId())
                    .execute();
            if (refund == null) { // a free generation has nothing to give back
                return Optional.<CreditOutcome>of(new CreditOutcome.Applied(
                        null, JdbiCredits.currentBalance(h, me.minav3.mma.common.PassId.parse(passIdOf(h, id)))));
            }
            return Optional.of(credits.creditIn(h, refund));
        }));
    }

    private static String passIdOf(Handle h, GenerationId id) {
        return h.createQuery("SELECT mg_pass_id FROM public.mega_generations WHERE mg_id = :id")
                .bind("id", id.mgId())
                .mapTo(String.class)
                .one();
    }

    @Override
    public List<Generation> search(GenerationQuery q) {
        StringBuilder where = new StringBuilder("g.mg_record_type = 'generation' AND g." + VISIBLE);
        if (q.passId() != null) {
            where.append(" AND g.mg_pass_id = :pass_id");
        }
        if (q.mode() != null) {
            where.append(" AND g.mg_mma_mode = :mode");
        }
        if (q.status() != null) {
            where.append(" AND g.mg_mma_status = :status");
        }
        if (q.from() != null) {
            where.append(" AND g.mg_created_at >= :from");
        }
        if (q.to() != null) {
            where.append(" AND g.mg_created_at < :to");
        }
        if (q.after() != null) {
            where.append(" AND (g.mg_created_at, g.mg_id) < (:after_at, :after_id)");
        }
        if (!q.withHidden()) {
            where.append(" AND g.mg_meta->>'" + Generation.HIDDEN_AT + "' IS NULL");
        }
        if (q.likedOnly()) {
            // Liked: the customer's latest like, dislike or clear of it is a like (decision 031).
            where.append(" ").append("""
                    AND (SELECT e.mg_meta->>'event_type' FROM public.mega_generations e
                           WHERE e.mg_record_type = 'mma_event' AND e.mg_generation_id = g.mg_id
                             AND e.mg_pass_id = g.mg_pass_id AND e.mg_meta->>'event_type' IN ('like', 'dislike', 'clear')
                           ORDER BY e.mg_created_at DESC, e.mg_id DESC LIMIT 1) = 'like'""");
        }
        String from = "public.mega_generations g";
        if (q.provider() != null || q.errorKind() != null) {
            // FailureCause: the last step whose payload carries a non-empty error names the provider and kind.
            from += " " + """
                     LEFT JOIN LATERAL (
                         SELECT s.mg_payload->'error' AS error FROM public.mega_generations s
                          WHERE s.mg_parent_id = g.mg_id AND s.mg_record_type = 'mma_step'
                            AND jsonb_typeof(s.mg_payload->'error') = 'object' AND s.mg_payload->'error' <> '{}'::jsonb
                          ORDER BY s.mg_step_no DESC LIMIT 1) cause ON true""";
        }
        if (q.provider() != null) {
            where.append(
                    " AND COALESCE(cause.error->>'provider', g.mg_provider, '" + FailureCause.MMA + "') = :provider");
        }
        if (q.errorKind() != null) {
            where.append(" AND g.mg_mma_status = 'error' AND COALESCE(cause.error->>'kind', '" + FailureCause.UNKNOWN
                    + "') = :error_kind");
        }
        String sql = "SELECT " + GenerationRows.columns("g.")
                + " FROM " + from + " WHERE " + where
                + " ORDER BY g.mg_created_at DESC, g.mg_id DESC LIMIT :limit";
        return Database.call(() -> jdbi.withHandle(h -> {
            var query = h.createQuery(sql).bind("limit", q.limit());
            if (q.passId() != null) {
                query.bind("pass_id", q.passId().value());
            }
            if (q.mode() != null) {
                query.bind("mode", q.mode().wire());
            }
            if (q.status() != null) {
                query.bind("status", q.status().wire());
            }
            if (q.from() != null) {
                query.bind("from", Timestamps.bind(q.from()));
            }
            if (q.to() != null) {
                query.bind("to", Timestamps.bind(q.to()));
            }
            if (q.provider() != null) {
                query.bind("provider", q.provider());
            }
            if (q.errorKind() != null) {
                query.bind("error_kind", q.errorKind());
            }
            if (q.after() != null) {
                query.bind("after_at", Timestamps.bind(q.after().createdAt()))
                        .bind("after_id", q.after().id().mgId());
            }
            return query.map(rows).list();
        }));
    }

    @Override
    public boolean hide(GenerationId id, PassId passId, Instant at) {
        // Only mg_meta changes (and mg_updated_at); the first hiding's time stays.
        return Database.call(() -> jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE public.mega_generations
                           SET mg_meta = CASE WHEN (mg_meta->>:key) IS NOT NULL THEN mg_meta
                                              ELSE COALESCE(mg_meta, '{}'::jsonb) || jsonb_build_object(:key, :at_text) END,
                               mg_updated_at = CASE WHEN (mg_meta->>:key) IS NOT NULL THEN mg_updated_at ELSE :at END
                         WHERE mg_id = :id AND mg_record_type = 'generation' AND mg_pass_id = :pass_id""" + " AND " + VISIBLE)
                        .bind("key", Generation.HIDDEN_AT)
                        .bind("at_text", at.toString())
                        .bind("at", Timestamps.bind(at))
                        .bind("id", id.mgId())
                        .bind("pass_id", passId.value())
                        .execute()
                > 0));
    }

    @Override
    public List<StepRecord> steps(GenerationId id) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_step_no, mg_step_type, mg_payload::text AS mg_payload, mg_created_at
                          FROM public.mega_generations
                         WHERE mg_parent_id = :id AND mg_record_type = 'mma_step'
                         ORDER BY mg_step_no""")
                .bind("id", id.mgId())
                .map((rs, ctx) -> new StepRecord(
                        id,
                        rs.getInt("mg_step_no"),
                        rs.getString("mg_step_type"),
                        json.readMapOrEmpty(rs.getString("mg_payload")),
                        Timestamps.readRequired(rs, "mg_created_at")))
                .list()));
    }
}
