package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.Optional;
import me.minav3.mma.common.PassId;
import me.minav3.mma.studio.TokenRevocations;
import org.jdbi.v3.core.Jdbi;

/**
 * Revoked login tokens on MEGA_CUSTOMERS: {@code mg_tokens_not_before} and {@code mg_revoked_tokens}
 * (token id to "refused until"). Read on every authenticated request: one primary-key lookup, never cached.
 */
final class JdbiTokenRevocations implements TokenRevocations {

    private final Jdbi jdbi;

    JdbiTokenRevocations(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public Optional<State> state(PassId passId, String tokenId) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_tokens_not_before, (mg_revoked_tokens -> :token_id) IS NOT NULL AS token_revoked,
                               mg_disabled
                          FROM public.mega_customers
                         WHERE mg_pass_id = :pass_id""")
                .bind("pass_id", passId.value())
                .bind("token_id", tokenId)
                .map((rs, ctx) -> new State(
                        Timestamps.read(rs, "mg_tokens_not_before"),
                        rs.getBoolean("token_revoked"),
                        rs.getBoolean("mg_disabled")))
                .findOne()));
    }

    @Override
    public boolean revoke(PassId passId, String tokenId, Instant refusedUntil, Instant now) {
        // Entries whose time has passed are dropped in the same statement, so the object stays small.
        return Database.call(() -> jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE public.mega_customers
                           SET mg_revoked_tokens = coalesce((SELECT jsonb_object_agg(e.key, e.value)
                                                               FROM jsonb_each_text(mg_revoked_tokens) e
                                                              WHERE CAST(e.value AS timestamptz) > :now), '{}'::jsonb)
                                                   || jsonb_build_object(CAST(:token_id AS text), CAST(:until AS text)),
                               mg_updated_at = :now
                         WHERE mg_pass_id = :pass_id""")
                        .bind("pass_id", passId.value())
                        .bind("token_id", tokenId)
                        .bind("until", refusedUntil.toString())
                        .bind("now", Timestamps.bind(now))
                        .execute()
                == 1));
    }

    @Override
    public boolean revokeAll(PassId passId, Instant notBefore, Instant now) {
        return Database.call(() -> jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE public.mega_customers
                           SET mg_tokens_not_before = greatest(mg_tokens_not_before, :not_before),
                               mg_updated_at = :now
                         WHERE mg_pass_id = :pass_id""")
                        .bind("pass_id", passId.value())
                        .bind("not_before", Timestamps.bind(notBefore))
                        .bind("now", Timestamps.bind(now))
                        .execute()
                == 1));
    }
}
