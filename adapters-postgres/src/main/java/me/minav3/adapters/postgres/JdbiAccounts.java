package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.accounts.Accounts;
import me.minav3.mma.accounts.TimelineEntry;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.Generation;
import org.jdbi.v3.core.Jdbi;
import org.jspecify.annotations.Nullable;

/**
 * The account lifecycle on the MEGA tables (decision 022). The erasure runs in one transaction that names the
 * customer in {@code mina.erasing_pass_id}: migration V5 lets only that transaction blank the personal columns of
 * that deleted customer's append-only rows, never their ids, times or amounts.
 */
final class JdbiAccounts implements Accounts {

    /** mg_meta keys of non-credit rows that say nothing about a person (kept by the erasure). */
    private static final String KEPT_META = "ARRAY['event_type', 'end_reason', 'cost', 'mode']";
    /** mg_detail keys of audit rows that name a person (taken out by the erasure; the V5 guard allows exactly these). */
    private static final String PERSONAL_DETAIL =
            "ARRAY['email', 'user_id', 'shopify_customer_id', 'customer_id', 'notes', 'name']";

    private final Jdbi jdbi;
    private final JsonCodec json;
    private final GenerationRows generations;

    JdbiAccounts(Jdbi jdbi, JsonCodec json) {
        this.jdbi = jdbi;
        this.json = json;
        this.generations = new GenerationRows(json);
    }

    @Override
    public Optional<AccountRows> rows(PassId passId) {
        return Database.call(() -> jdbi.withHandle(h -> {
            Optional<Map<String, Object>> customer = h.createQuery("""
                            SELECT to_jsonb(c)::text FROM public.mega_customers c WHERE c.mg_pass_id = :pass_id""")
                    .bind("pass_id", passId.value())
                    .mapTo(String.class)
                    .findOne()
                    .map(json::readMap);
            if (customer.isEmpty()) {
                return Optional.<AccountRows>empty();
            }
            List<Map<String, Object>> rows = h.createQuery("""
                            SELECT (to_jsonb(g) - 'mg_lease_owner' - 'mg_lease_until')::text
                              FROM public.mega_generations g
                             WHERE g.mg_pass_id = :pass_id
                             ORDER BY g.mg_created_at, g.mg_id""")
                    .bind("pass_id", passId.value())
                    .mapTo(String.class)
                    .map(json::readMap)
                    .list();
            return Optional.of(new AccountRows(customer.get(), rows));
        }));
    }

    @Override
    public List<TimelineEntry> timeline(PassId passId, TimelineEntry.@Nullable Cursor before, int limit) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_id, mg_record_type, mg_created_at, mg_generation_id, mg_session_id, mg_mma_status,
                               mg_mma_mode, mg_error, mg_output_url, mg_provider, mg_model, mg_delta, mg_reason,
                               mg_source, mg_ref_type, mg_ref_id, mg_meta::text AS mg_meta
                          FROM public.mega_generations
                         WHERE mg_pass_id = :pass_id
                           AND mg_record_type IN ('session', 'generation', 'feedback', 'mma_event', 'credit_transaction')
                           AND (CAST(:at AS timestamptz) IS NULL OR (mg_created_at, mg_id) < (CAST(:at AS timestamptz), :id))
                         ORDER BY mg_created_at DESC, mg_id DESC
                         LIMIT :limit""")
                .bind("pass_id", passId.value())
                .bind("at", Timestamps.bind(before == null ? null : before.at()))
                .bind("id", before == null ? "" : before.id())
                .bind("limit", Math.max(1, Math.min(limit, 1000)))
                .map((rs, ctx) -> {
                    String type = rs.getString("mg_record_type");
                    Map<String, Object> meta = json.readMapOrEmpty(rs.getString("mg_meta"));
                    Map<String, Object> detail = new LinkedHashMap<>();
                    TimelineEntry.Kind kind = switch (type) {
                        case "session" -> TimelineEntry.Kind.SESSION;
                        case "generation" -> {
                            detail.put("status", rs.getString("mg_mma_status"));
                            detail.put("mode", rs.getString("mg_mma_mode"));
                            detail.put("output_url", rs.getString("mg_output_url"));
                            detail.put("error", rs.getString("mg_error"));
                            detail.put("provider", rs.getString("mg_provider"));
                            detail.put("model", rs.getString("mg_model"));
                            yield TimelineEntry.Kind.GENERATION;
                        }
                        case "credit_transaction" -> {
                            detail.put("delta", rs.getLong("mg_delta"));
                            detail.put("reason", rs.getString("mg_reason"));
                            detail.put("source", rs.getString("mg_source"));
                            detail.put("ref_type", rs.getString("mg_ref_type"));
                            detail.put("ref_id", rs.getString("mg_ref_id"));
                            detail.put("note", meta.get("note"));
                            yield TimelineEntry.Kind.CREDIT;
                        }
                        case "feedback" -> TimelineEntry.Kind.FEEDBACK;
                        default -> TimelineEntry.Kind.EVENT;
                    };
                    if (kind != TimelineEntry.Kind.CREDIT) {
                        detail.put("meta", meta);
                    }
                    if (kind == TimelineEntry.Kind.SESSION) {
                        detail.put("session_id", rs.getString("mg_session_id"));
                    }
                    String generation = kind == TimelineEntry.Kind.GENERATION
                            ? rs.getString("mg_id")
                            : rs.getString("mg_generation_id");
                    return new TimelineEntry(
                            kind,
                            rs.getString("mg_id"),
                            Timestamps.readRequired(rs, "mg_created_at"),
                            generation,
                            detail);
                })
                .list()));
    }

    @Override
    public boolean setDisabled(PassId passId, boolean disabled, Instant at) {
        return Database.call(() -> jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE public.mega_customers
                           SET mg_disabled = :disabled OR mg_deleted_at IS NOT NULL, mg_updated_at = :at
                         WHERE mg_pass_id = :pass_id""")
                        .bind("pass_id", passId.value())
                        .bind("disabled", disabled)
                        .bind("at", Timestamps.bind(at))
                        .execute()
                == 1));
    }

    @Override
    public List<Generation> unfinished(PassId passId) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("SELECT " + GenerationRows.COLUMNS + """
                         FROM public.mega_generations
                        WHERE mg_pass_id = :pass_id AND mg_record_type = 'generation'
                          AND mg_mma_status NOT IN ('done', 'error')
                        ORDER BY mg_created_at, mg_id""")
                .bind("pass_id", passId.value())
                .map(generations)
                .list()));
    }

    @Override
    public List<GenerationId> generationIds(PassId passId) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_id FROM public.mega_generations
                         WHERE mg_pass_id = :pass_id AND mg_record_type = 'generation'
                         ORDER BY mg_created_at, mg_id""")
                .bind("pass_id", passId.value())
                .map((rs, ctx) -> GenerationId.parse(rs.getString(1)))
                .list()));
    }

    @Override
    public boolean erase(PassId passId, Instant at) {
        return Database.call(() -> jdbi.inTransaction(h -> {
            // The email is read (and the row locked) before it is blanked: audit rows may name the customer by it.
            Optional<String> email = h.createQuery("""
                            SELECT coalesce(mg_email, '') FROM public.mega_customers
                             WHERE mg_pass_id = :pass_id FOR UPDATE""")
                    .bind("pass_id", passId.value())
                    .mapTo(String.class)
                    .findOne();
            if (email.isEmpty()) {
                return false;
            }
            h.createQuery("""
                            SELECT set_config('mina.erasing_pass_id', :pass_id, true),
                                   set_config('mina.erasing_email', :email, true)""")
                    .bind("pass_id", passId.value())
                    .bind("email", email.get())
                    .mapTo(String.class)
                    .one();
            int customers = h.createUpdate("""
                            UPDATE public.mega_customers
                               SET mg_email = NULL, mg_user_id = NULL, mg_shopify_customer_id = NULL,
                                   mg_mma_preferences = DEFAULT, mg_mma_preferences_updated_at = NULL,
                                   mg_meta = '{}'::jsonb, mg_revoked_tokens = '{}'::jsonb, mg_disabled = true,
                                   mg_deleted_at = coalesce(mg_deleted_at, :at), mg_updated_at = :at
                             WHERE mg_pass_id = :pass_id""")
                    .bind("pass_id", passId.value())
                    .bind("at", Timestamps.bind(at))
                    .execute();
            if (customers == 0) {
                return false;
            }
            // Every free-text, URL and document column goes; a step keeps only its cost and timing (provider costs
            // still add up), an event its type, a credit row everything but its note.
            h.createUpdate("""
                            UPDATE public.mega_generations
                               SET mg_prompt = NULL, mg_output_url = NULL, mg_output_key = NULL,
                                   mg_error = CASE WHEN mg_error IS NULL THEN NULL ELSE 'erased' END,
                                   mg_mma_vars = CASE WHEN mg_mma_vars IS NULL THEN NULL ELSE '{}'::jsonb END,
                                   mg_payload = CASE WHEN mg_record_type = 'mma_step' THEN jsonb_build_object(
                                           'input', '{}'::jsonb,
                                           'output', CASE WHEN jsonb_exists(mg_payload -> 'output', 'cost')
                                                          THEN jsonb_build_object('cost', mg_payload -> 'output' -> 'cost')
                                                          ELSE '{}'::jsonb END,
                                           'timing', coalesce(mg_payload -> 'timing', '{}'::jsonb),
                                           'error', CASE WHEN coalesce(mg_payload -> 'error', 'null'::jsonb) = 'null'::jsonb
                                                         THEN 'null'::jsonb ELSE '"erased"'::jsonb END)
                                                 ELSE NULL END,
                                   mg_meta = CASE WHEN mg_record_type = 'credit_transaction'
                                                  THEN mg_meta - ARRAY['note', 'email', 'name']
                                                  ELSE (SELECT coalesce(jsonb_object_agg(m.key, m.value), '{}'::jsonb)
                                                          FROM jsonb_each(mg_meta) m WHERE m.key = ANY (%s)) END,
                                   mg_status = CASE WHEN mg_record_type = 'generation' THEN 'erased' ELSE mg_status END,
                                   mg_lease_owner = NULL, mg_lease_until = NULL, mg_updated_at = :at
                             WHERE mg_pass_id = :pass_id""".formatted(KEPT_META))
                    .bind("pass_id", passId.value())
                    .bind("at", Timestamps.bind(at))
                    .execute();
            h.createUpdate("""
                            UPDATE public.mega_admin
                               SET mg_detail = mg_detail - %1$s
                             WHERE mg_record_type = 'admin_audit'
                               AND (mg_actor_pass_id = :pass_id OR mg_detail ->> 'pass_id' = :pass_id
                                    OR mg_detail ->> 'email' = nullif(:email, ''))
                               AND jsonb_exists_any(mg_detail, %1$s)""".formatted(PERSONAL_DETAIL))
                    .bind("pass_id", passId.value())
                    .bind("email", email.get())
                    .execute();
            return true;
        }));
    }
}
