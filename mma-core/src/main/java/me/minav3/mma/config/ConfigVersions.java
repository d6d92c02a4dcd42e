package me.minav3.mma.config;

import java.util.List;
import java.util.Optional;

/** Reads the versioned app config as stored: every key's newest version, a key's history, one version. */
public final class ConfigVersions {

    private final ConfigStore store;

    public ConfigVersions(ConfigStore store) {
        this.store = store;
    }

    /** The newest version of every key, by key. */
    public List<ConfigVersion> latestOfEach() {
        return store.latestOfEach();
    }

    /** Every version of a key, newest first (empty for an unknown key). */
    public List<ConfigVersion> history(String key) {
        return store.history(key);
    }

    /** The newest version of a key, or the given one when {@code version} is not null. */
    public Optional<ConfigVersion> find(String key, Integer version) {
        return version == null ? store.latest(key) : store.version(key, version);
    }
}
