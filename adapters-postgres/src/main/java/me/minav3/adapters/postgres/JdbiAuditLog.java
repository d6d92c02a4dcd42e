package me.minav3.adapters.postgres;

import java.util.List;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import org.jdbi.v3.core.Jdbi;

/** {@code admin_audit} rows in MEGA_ADMIN. */
final class JdbiAuditLog implements AuditLog {

    private final Jdbi jdbi;
    private final JsonCodec json;

    JdbiAuditLog(Jdbi jdbi, JsonCodec json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    @Override
    public void record(AuditEntry entry) {
        Database.run(() -> jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO public.mega_admin
                               (mg_id, mg_record_type, mg_actor_pass_id, mg_action, mg_route, mg_method, mg_status,
                                mg_detail, mg_created_at)
                        VALUES (:id, 'admin_audit', :actor, :action, :route, :method, :status, CAST(:detail AS jsonb), :at)
                        ON CONFLICT (mg_id) DO NOTHING""")
                .bind("id", entry.id())
                .bind("actor", entry.actor())
                .bind("action", entry.action())
                .bind("route", entry.route())
                .bind("method", entry.method())
                .bind("status", entry.status())
                .bind("detail", json.write(entry.detail()))
                .bind("at", Timestamps.bind(entry.at()))
                .execute()));
    }

    @Override
    public List<AuditEntry> recent(int limit) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_id, mg_actor_pass_id, mg_action, mg_route, mg_method, mg_status,
                               mg_detail::text AS mg_detail, mg_created_at
                          FROM public.mega_admin
                         WHERE mg_record_type = 'admin_audit'
                         ORDER BY mg_created_at DESC, mg_id DESC
                         LIMIT :limit""")
                .bind("limit", Math.max(1, Math.min(limit, 1000)))
                .map((rs, ctx) -> new AuditEntry(
                        rs.getString("mg_id"),
                        rs.getString("mg_actor_pass_id"),
                        rs.getString("mg_action"),
                        rs.getString("mg_route"),
                        rs.getString("mg_method"),
                        rs.getInt("mg_status"),
                        json.readMapOrEmpty(rs.getString("mg_detail")),
                        Timestamps.readRequired(rs, "mg_created_at")))
                .list()));
    }
}
