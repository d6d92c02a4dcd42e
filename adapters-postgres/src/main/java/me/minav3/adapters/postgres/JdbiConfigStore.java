package me.minav3.adapters.postgres;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.config.ConfigStore;
import me.minav3.mma.config.ConfigVersion;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** {@code app_config} rows in MEGA_ADMIN: immutable versions, newest wins. */
final class JdbiConfigStore implements ConfigStore {

    private static final String COLUMNS =
            "mg_key, mg_version, mg_value::text AS mg_value, mg_actor_pass_id, mg_created_at";
    private static final int PUBLISH_ATTEMPTS = 5;
    /** First half of the advisory lock key ("MINA"), so config locks cannot meet another feature's locks. */
    private static final int CONFIG_LOCK_SPACE = 0x4D494E41;

    private final Jdbi jdbi;
    private final JsonCodec json;
    private final RowMapper<ConfigVersion> rows;

    JdbiConfigStore(Jdbi jdbi, JsonCodec json) {
        this.jdbi = jdbi;
        this.json = json;
        this.rows = (rs, ctx) -> new ConfigVersion(
                rs.getString("mg_key"),
                rs.getInt("mg_version"),
                json.readMapOrEmpty(rs.getString("mg_value")),
                rs.getString("mg_actor_pass_id"),
                Timestamps.readRequired(rs, "mg_created_at"));
    }

    @Override
    public Optional<ConfigVersion> latest(String key) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM public.mega_admin
                        WHERE mg_record_type = 'app_config' AND mg_key = :key
                        ORDER BY mg_version DESC
                        LIMIT 1""")
                .bind("key", key)
                .map(rows)
                .findOne()));
    }

    @Override
    public Optional<ConfigVersion> version(String key, int version) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM public.mega_admin
                        WHERE mg_record_type = 'app_config' AND mg_key = :key AND mg_version = :version""")
                .bind("key", key)
                .bind("version", version)
                .map(rows)
                .findOne()));
    }

    @Override
    public List<ConfigVersion> latestOfEach() {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT ON (mg_key) " + COLUMNS + """
                         FROM public.mega_admin
                        WHERE mg_record_type = 'app_config'
                        ORDER BY mg_key, mg_version DESC""")
                .map(rows)
                .list()));
    }

    @Override
    public List<ConfigVersion> history(String key) {
        return Database.call(() -> jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + """
                         FROM public.mega_admin
                        WHERE mg_record_type = 'app_config' AND mg_key = :key
                        ORDER BY mg_version DESC""")
                .bind("key", key)
                .map(rows)
                .list()));
    }

    @Override
    public ConfigVersion publish(String key, Map<String, Object> value, String actor, Instant at) {
        ConfigVersion.requireValidKey(key);
        // Publishers of one key take turns (a transaction-scoped advisory lock), so the next version is free when
        // it is written: no publisher can lose every race. The retry only covers a writer that does not take the
        // lock (an older instance during a rolling deploy).
        for (int attempt = 0; attempt < PUBLISH_ATTEMPTS; attempt++) {
            Optional<ConfigVersion> written = Database.call(() -> jdbi.inTransaction(h -> {
                lockKey(h, key);
                int next =
                        h.createQuery("""
                                SELECT coalesce(max(mg_version), 0) + 1 FROM public.mega_admin
                                 WHERE mg_record_type = 'app_config' AND mg_key = :key""").bind("key", key).mapTo(Integer.class).one();
                return insert(h, new ConfigVersion(key, next, value, actor, at));
            }));
            if (written.isPresent()) {
                return written.get();
            }
        }
        throw new IllegalStateException("could not publish " + key + ": another writer kept taking its version");
    }

    @Override
    public boolean seed(String key, Map<String, Object> value, Instant at) {
        return Database.call(() -> jdbi.inTransaction(h -> {
            lockKey(h, key);
            boolean any = h.createQuery("""
                            SELECT 1 FROM public.mega_admin WHERE mg_record_type = 'app_config' AND mg_key = :key LIMIT 1""")
                    .bind("key", key)
                    .mapTo(Integer.class)
                    .findOne()
                    .isPresent();
            return !any
                    && insert(h, new ConfigVersion(key, 1, value, "system:seed", at))
                            .isPresent();
        }));
    }

    /** Held until the transaction ends; keys whose hashes collide merely wait for each other. */
    private static void lockKey(Handle h, String key) {
        h.createQuery("SELECT pg_advisory_xact_lock(:space, hashtext(:key))")
                .bind("space", CONFIG_LOCK_SPACE)
                .bind("key", key)
                .mapTo(String.class)
                .one();
    }

    private Optional<ConfigVersion> insert(Handle h, ConfigVersion version) {
        int inserted = h.createUpdate("""
                        INSERT INTO public.mega_admin
                               (mg_id, mg_record_type, mg_key, mg_version, mg_value, mg_actor_pass_id, mg_action, mg_created_at)
                        VALUES (:id, 'app_config', :key, :version, CAST(:value AS jsonb), :actor, 'config.publish', :at)
                        ON CONFLICT DO NOTHING""")
                .bind("id", version.id())
                .bind("key", version.key())
                .bind("version", version.version())
                .bind("value", json.write(version.value()))
                .bind("actor", version.actor())
                .bind("at", Timestamps.bind(version.createdAt()))
                .execute();
        return inserted == 1 ? Optional.of(version) : Optional.empty();
    }
}
