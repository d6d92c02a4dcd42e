package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.Map;
import me.minav3.mma.studio.LoginCodes;
import org.jdbi.v3.core.Jdbi;

/** {@code login_code} rows in MEGA_ADMIN, replaced with a compare-and-set on their jsonb value. */
final class JdbiLoginCodes implements LoginCodes {

    private final Jdbi jdbi;
    private final JsonCodec json;

    JdbiLoginCodes(Jdbi jdbi, JsonCodec json) {
        this.jdbi = jdbi;
        this.json = json;
    }

    @Override
    public Map<String, Object> find(String key) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("""
                        SELECT mg_value::text FROM public.mega_admin
                         WHERE mg_id = :id AND mg_record_type = 'login_code'""")
                .bind("id", "login_code:" + key)
                .mapTo(String.class)
                .findOne()
                .map(json::readMap)
                .orElse(Map.of())));
    }

    @Override
    public boolean compareAndSet(
            String key, Map<String, Object> expected, Map<String, Object> replacement, Instant now) {
        if (expected == null || expected.isEmpty()) {
            return Database.call(() -> jdbi.withHandle(h -> h.createUpdate("""
                            INSERT INTO public.mega_admin (mg_id, mg_record_type, mg_key, mg_value, mg_created_at)
                            VALUES (:id, 'login_code', :key, CAST(:value AS jsonb), :now)
                            ON CONFLICT (mg_id) DO NOTHING""")
                            .bind("id", "login_code:" + key)
                            .bind("key", key)
                            .bind("value", json.write(replacement))
                            .bind("now", Timestamps.bind(now))
                            .execute())
                    == 1);
        }
        return Database.call(() -> jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE public.mega_admin
                           SET mg_value = CAST(:value AS jsonb)
                         WHERE mg_id = :id AND mg_record_type = 'login_code' AND mg_value = CAST(:expected AS jsonb)""")
                        .bind("id", "login_code:" + key)
                        .bind("value", json.write(replacement))
                        .bind("expected", json.write(expected))
                        .execute())
                == 1);
    }
}
