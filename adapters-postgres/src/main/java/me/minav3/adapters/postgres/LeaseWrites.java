package me.minav3.adapters.postgres;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.generation.StepUpdate;
import org.jspecify.annotations.Nullable;

/**
 * The generation queue's per-stage statements — claims, leases, progress and step rows — on plain JDBC (decision
 * 053): they run several times per still, and Jdbi's work around each one cost more CPU than the driver's. Every
 * write after a claim is guarded by the lease owner, so a worker that lost its lease cannot overwrite the one that
 * took over. Each statement is its own transaction and commits without waiting for its WAL ({@link #RELAXED}).
 */
final class LeaseWrites {

    static final String UNFINISHED = "mg_mma_status NOT IN ('done', 'error')";

    /*
     * A job's writes by id name the id and their guards, never the record type. The id already says it (the rule
     * mega_generations_id_prefix_is_record_type, in mega_generations_rules), and with it the statement would state the
     * queue index's whole predicate (a generation, unfinished), so the planner could read the write through the queue
     * index. Analyzed while nothing was in flight, the statistics give that index no rows, scanning it costs the same as
     * the primary key's one row, and the planner took it: every renewal, progress and step write then read every job in
     * flight, until the next analyze (JobWriteCostTest; decision 058).
     */

    /**
     * Pipeline bookkeeping (claims, leases, progress, step rows) commits without waiting for its WAL to reach the
     * disk: the setting applies to the statement's own transaction. A clean restart loses nothing; a database crash
     * may lose the last few hundred milliseconds of such writes, which only makes a job resume from an earlier
     * step. Money movements (charges, refunds, grants) never do this: they stay synchronous.
     */
    private static final String RELAXED = "set_config('synchronous_commit', 'off', true) AS relaxed";

    /**
     * The never-leased jobs and the ones whose lease expired, each read as its own range of the queue index (keyed by
     * the lease, then the creation time: migration V9), so a claim reads what it can take and not every job in
     * flight. Of both, the oldest {@code max} by creation time. Each locking SELECT runs once, materialized: under an
     * IN it could be rescanned and lock other rows. A row locked there but not among the oldest {@code max} stays
     * locked only until this statement commits.
     */
    static final String CLAIM_UP_TO_SQL = """
            WITH fresh AS MATERIALIZED (
                SELECT mg_id, mg_created_at FROM public.mega_generations
                 WHERE mg_record_type = 'generation' AND %1$s AND mg_lease_until IS NULL
                 ORDER BY mg_lease_until NULLS FIRST, mg_created_at
                 LIMIT :max
                   FOR UPDATE SKIP LOCKED),
            expired AS MATERIALIZED (
                SELECT mg_id, mg_created_at FROM public.mega_generations
                 WHERE mg_record_type = 'generation' AND %1$s AND mg_lease_until < :now
                 ORDER BY mg_lease_until NULLS FIRST, mg_created_at
                 LIMIT :max
                   FOR UPDATE SKIP LOCKED),
            next AS (
                SELECT mg_id FROM (SELECT * FROM fresh UNION ALL SELECT * FROM expired) claimable
                 ORDER BY mg_created_at
                 LIMIT :max)
            UPDATE public.mega_generations g
               SET mg_lease_owner = :worker, mg_lease_until = :until, mg_attempts = g.mg_attempts + 1,
                   mg_updated_at = :now
              FROM next
             WHERE g.mg_id = next.mg_id
            RETURNING %2$s, %3$s""".formatted(UNFINISHED, GenerationRows.columns("g."), RELAXED);

    private static final NamedSql CLAIM_UP_TO = NamedSql.of(CLAIM_UP_TO_SQL);

    static final String CLAIM_SQL = """
            UPDATE public.mega_generations
               SET mg_lease_owner = :worker, mg_lease_until = :until, mg_attempts = mg_attempts + 1,
                   mg_updated_at = :now
             WHERE mg_id = :id AND %s
               AND (mg_lease_until IS NULL OR mg_lease_until < :now)
            RETURNING %s, %s""".formatted(UNFINISHED, GenerationRows.COLUMNS, RELAXED);

    private static final NamedSql CLAIM = NamedSql.of(CLAIM_SQL);

    static final String RENEW_SQL = """
            UPDATE public.mega_generations SET mg_lease_until = :until
             WHERE mg_id = :id AND mg_lease_owner = :worker AND %s
            RETURNING %s""".formatted(UNFINISHED, RELAXED);

    private static final NamedSql RENEW = NamedSql.of(RENEW_SQL);

    static final String RELEASE_SQL = """
            UPDATE public.mega_generations SET mg_lease_owner = NULL, mg_lease_until = NULL
             WHERE mg_id = :id AND mg_lease_owner = :worker AND %s""".formatted(UNFINISHED);

    private static final NamedSql RELEASE = NamedSql.of(RELEASE_SQL);

    static final String PROGRESS_SQL = """
            UPDATE public.mega_generations
               SET mg_mma_status = :status, mg_mma_vars = CAST(:vars AS jsonb), mg_updated_at = :at
             WHERE mg_id = :id AND mg_lease_owner = :worker AND %s
            RETURNING %s""".formatted(UNFINISHED, RELAXED);

    private static final NamedSql PROGRESS = NamedSql.of(PROGRESS_SQL);

    private static final String INSERT_STEP_INTO = """
            INSERT INTO public.mega_generations
                   (mg_id, mg_record_type, mg_pass_id, mg_generation_id, mg_parent_id, mg_step_no, mg_step_type,
                    mg_status, mg_payload, mg_latency_ms, mg_created_at, mg_updated_at)""";

    /** A step row on its own (a failure's last step; a step number recorded before is not written again). */
    private static final NamedSql INSERT_STEP = NamedSql.of(INSERT_STEP_INTO + """
             VALUES (:step_id, 'mma_step', :pass_id, :generation, :generation, :no, :type, :step_status,
                    CAST(:payload AS jsonb), :duration, :step_at, :step_at)
            ON CONFLICT (mg_id) DO NOTHING""");

    static final String RECORD_STEP_SQL = recordStep("mg_mma_status = :status");

    private static final NamedSql RECORD_STEP = NamedSql.of(RECORD_STEP_SQL);

    static final String RECORD_LAST_STEP_SQL = recordStep("""
            mg_mma_status = 'done', mg_output_url = :url, mg_output_key = :key, mg_prompt = :prompt,
            mg_provider = :provider, mg_model = :model, mg_latency_ms = :latency, mg_lease_owner = NULL,
            mg_lease_until = NULL""");

    private static final NamedSql RECORD_LAST_STEP = NamedSql.of(RECORD_LAST_STEP_SQL);

    /** One statement: the lease-guarded update of the generation and the insert of its step row. */
    private static String recordStep(String set) {
        return """
                WITH g AS (
                    UPDATE public.mega_generations
                       SET %s, mg_mma_vars = CAST(:vars AS jsonb), mg_updated_at = :at
                     WHERE mg_id = :generation AND mg_lease_owner = :worker
                       AND %s
                    RETURNING mg_pass_id, %s),
                s AS (%s SELECT :step_id, 'mma_step', g.mg_pass_id, :generation, :generation, :no, :type,
                                :step_status, CAST(:payload AS jsonb), :duration, :step_at, :step_at FROM g
                      ON CONFLICT (mg_id) DO NOTHING)
                SELECT count(*) FROM g""".formatted(set, UNFINISHED, RELAXED, INSERT_STEP_INTO);
    }

    private final DataSource connections;
    private final JsonCodec json;
    private final GenerationRows rows;

    LeaseWrites(DataSource connections, JsonCodec json, GenerationRows rows) {
        this.connections = connections;
        this.json = json;
        this.rows = rows;
    }

    /** Up to {@code max} of the oldest claimable jobs in one statement (locked rows are skipped), oldest first. */
    List<Generation> claimUpTo(String workerId, Instant now, Duration lease, int max) {
        return Database.withConnection(connections, c -> {
            try (var claim = CLAIM_UP_TO.prepare(c)) {
                claim.text("worker", workerId)
                        .instant("until", now.plus(lease))
                        .instant("now", now)
                        .integer("max", max);
                List<Generation> claimed = new ArrayList<>();
                try (ResultSet rs = claim.query()) {
                    while (rs.next()) {
                        claimed.add(rows.read(rs));
                    }
                }
                claimed.sort(Comparator.comparing(Generation::createdAt));
                return claimed;
            }
        });
    }

    Optional<Generation> claim(GenerationId id, String workerId, Instant now, Duration lease) {
        return Database.withConnection(connections, c -> {
            try (var claim = CLAIM.prepare(c)) {
                claim.text("id", id.mgId())
                        .text("worker", workerId)
                        .instant("until", now.plus(lease))
                        .instant("now", now);
                try (ResultSet rs = claim.query()) {
                    return rs.next() ? Optional.of(rows.read(rs)) : Optional.<Generation>empty();
                }
            }
        });
    }

    boolean renewLease(GenerationId id, String workerId, Instant until) {
        return Database.withConnection(connections, c -> {
            try (var renew = RENEW.prepare(c)) {
                return returnsRow(
                        renew.text("id", id.mgId()).text("worker", workerId).instant("until", until));
            }
        });
    }

    void releaseLease(GenerationId id, String workerId) {
        Database.withConnection(connections, c -> {
            try (var release = RELEASE.prepare(c)) {
                return release.text("id", id.mgId()).text("worker", workerId).update();
            }
        });
    }

    boolean progress(GenerationId id, String workerId, MmaStatus status, GenerationDocument document, Instant at) {
        if (status.isTerminal()) {
            throw new IllegalArgumentException("progress never finishes a generation");
        }
        String vars = json.write(GenerationDocumentCodec.encode(document));
        return Database.withConnection(connections, c -> {
            try (var progress = PROGRESS.prepare(c)) {
                return returnsRow(progress.text("id", id.mgId())
                        .text("worker", workerId)
                        .text("status", status.wire())
                        .text("vars", vars)
                        .instant("at", at));
            }
        });
    }

    /** The generation's update and its step row in one statement; whether the lease was still ours. */
    boolean recordStep(StepRecord step, String workerId, StepUpdate update, Instant at) {
        StepUpdate.Completion done = update.completion();
        String vars = json.write(GenerationDocumentCodec.encode(update.document()));
        String payload = json.write(step.payload());
        return Database.withConnection(connections, c -> {
            try (var record = (done == null ? RECORD_STEP : RECORD_LAST_STEP).prepare(c)) {
                record.text("generation", step.generationId().mgId())
                        .text("worker", workerId)
                        .text("vars", vars)
                        .instant("at", at);
                bindStep(record, step, payload);
                if (done == null) {
                    record.text("status", update.status().wire());
                } else {
                    record.text("url", done.outputUrl())
                            .text("key", done.outputKey())
                            .text("prompt", done.prompt())
                            .text("provider", done.provider())
                            .text("model", done.model())
                            .number("latency", done.latencyMs());
                }
                try (ResultSet rs = record.query()) {
                    rs.next();
                    return rs.getLong(1) == 1;
                }
            }
        });
    }

    /** A step row on its own, inside the caller's transaction (a failure's last step). */
    void insertStep(Connection c, StepRecord step, String passId) throws SQLException {
        try (var insert = INSERT_STEP.prepare(c)) {
            insert.text("pass_id", passId)
                    .text("generation", step.generationId().mgId());
            bindStep(insert, step, json.write(step.payload()));
            insert.update();
        }
    }

    private static void bindStep(NamedSql.Binding statement, StepRecord step, @Nullable String payload)
            throws SQLException {
        statement
                .text("step_id", step.mgId())
                .integer("no", step.stepNo())
                .text("type", step.stepType())
                .text("step_status", step.failed() ? "error" : "ok")
                .text("payload", payload)
                .number("duration", Json.number(Json.object(step.payload(), "timing"), "duration_ms", 0))
                .instant("step_at", step.createdAt());
    }

    private static boolean returnsRow(NamedSql.Binding statement) throws SQLException {
        try (ResultSet rs = statement.query()) {
            return rs.next();
        }
    }
}
