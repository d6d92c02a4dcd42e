package me.minav3.mma.config;

import java.util.Map;
import me.minav3.mma.audit.AuditEntry;
import me.minav3.mma.audit.AuditLog;
import me.minav3.mma.common.Actor;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.NotFound;

/** Publishes a new version of a config key after checking its shape, and audits who did it. */
public final class PublishConfig {

    private final ConfigStore store;
    private final ConfigService service;
    private final AuditLog audit;
    private final Clock clock;
    private final IdGenerator ids;

    public PublishConfig(ConfigStore store, ConfigService service, AuditLog audit, Clock clock, IdGenerator ids) {
        this.store = store;
        this.service = service;
        this.audit = audit;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Publishes an older version's value as the next version (history is never edited), after checking it against
     * today's rules; audited as {@code config.rollback}. {@link NotFound} for a version that does not exist.
     */
    public ConfigVersion rollback(String key, int version, Actor actor) {
        ConfigVersion old = store.version(key, version)
                .orElseThrow(() -> new NotFound("no version " + version + " of config " + key));
        ConfigRules.check(key, old.value());
        ConfigVersion published = store.publish(key, old.value(), actor.id(), clock.now());
        service.invalidate(key);
        audit.record(new AuditEntry(
                "admin_audit:" + ids.newId(),
                actor.id(),
                "config.rollback",
                actor.route(),
                actor.method(),
                200,
                Json.obj("key", key, "from_version", version, "version", published.version(), "id", published.id()),
                clock.now()));
        return published;
    }

    public ConfigVersion publish(String key, Map<String, Object> value, Actor actor) {
        try {
            ConfigVersion.requireValidKey(key);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
        ConfigRules.check(key, value);
        ConfigVersion published = store.publish(key, value, actor.id(), clock.now());
        service.invalidate(key);
        audit.record(new AuditEntry(
                "admin_audit:" + ids.newId(),
                actor.id(),
                "config.publish",
                actor.route(),
                actor.method(),
                200,
                Json.obj("key", key, "version", published.version(), "id", published.id()),
                clock.now()));
        return published;
    }
}
