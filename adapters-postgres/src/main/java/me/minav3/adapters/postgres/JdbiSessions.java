package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.common.PassId;
import me.minav3.mma.studio.SessionEnd;
import me.minav3.mma.studio.SessionInfo;
import me.minav3.mma.studio.Sessions;
import org.jdbi.v3.core.Jdbi;

/** {@code session:<id>} rows: when a user's studio visit began and ended (spec §9.1). */
final class JdbiSessions implements Sessions {

    private static final String PREFIX = "session:";
    private static final String ENDED = "ended";

    private final Jdbi jdbi;

    JdbiSessions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void open(SessionInfo session) {
        Database.run(() -> jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO public.mega_generations (mg_id, mg_record_type, mg_pass_id, mg_session_id,
                                                             mg_created_at, mg_updated_at)
                        VALUES (:id, 'session', :pass_id, :id, :at, :at)
                        ON CONFLICT (mg_id) DO NOTHING""")
                .bind("id", PREFIX + session.id())
                .bind("pass_id", session.passId().value())
                .bind("at", Timestamps.bind(session.startedAt()))
                .execute()));
    }

    @Override
    public Optional<SessionInfo> latest(PassId passId) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_id, mg_created_at, mg_status, mg_updated_at FROM public.mega_generations
                         WHERE mg_pass_id = :pass_id AND mg_record_type = 'session'
                         ORDER BY mg_created_at DESC, mg_id DESC
                         LIMIT 1""")
                .bind("pass_id", passId.value())
                .map((rs, ctx) -> new SessionInfo(
                        rs.getString("mg_id").substring(PREFIX.length()),
                        passId,
                        Timestamps.readRequired(rs, "mg_created_at"),
                        ENDED.equals(rs.getString("mg_status")) ? Timestamps.read(rs, "mg_updated_at") : null))
                .findOne()));
    }

    /** An ended session: {@code mg_status = 'ended'}, its end in {@code mg_updated_at}, why in {@code mg_meta}. */
    @Override
    public List<String> endOpen(PassId passId, Instant endedAt, SessionEnd reason) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        UPDATE public.mega_generations
                           SET mg_status = 'ended', mg_updated_at = :at,
                               mg_meta = mg_meta || jsonb_build_object('end_reason', CAST(:reason AS text))
                         WHERE mg_pass_id = :pass_id AND mg_record_type = 'session'
                           AND mg_status IS DISTINCT FROM 'ended'
                        RETURNING mg_id""")
                .bind("pass_id", passId.value())
                .bind("at", Timestamps.bind(endedAt))
                .bind("reason", reason.value())
                .map((rs, ctx) -> rs.getString("mg_id").substring(PREFIX.length()))
                .list()));
    }
}
