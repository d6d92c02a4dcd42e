package me.minav3.adapters.postgres;

import java.util.Optional;
import me.minav3.mma.common.PassId;
import me.minav3.mma.studio.SessionInfo;
import me.minav3.mma.studio.Sessions;
import org.jdbi.v3.core.Jdbi;

/** {@code session:<id>} rows: when a user's studio visit began (spec §9.1). */
final class JdbiSessions implements Sessions {

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
                .bind("id", "session:" + session.id())
                .bind("pass_id", session.passId().value())
                .bind("at", Timestamps.bind(session.startedAt()))
                .execute()));
    }

    @Override
    public Optional<SessionInfo> latest(PassId passId) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_id, mg_created_at FROM public.mega_generations
                         WHERE mg_pass_id = :pass_id AND mg_record_type = 'session'
                         ORDER BY mg_created_at DESC, mg_id DESC
                         LIMIT 1""")
                .bind("pass_id", passId.value())
                .map((rs, ctx) -> new SessionInfo(rs.getString("mg_id").substring("session:".length()), passId,
                        Timestamps.read(rs, "mg_created_at")))
                .findOne()));
    }
}
