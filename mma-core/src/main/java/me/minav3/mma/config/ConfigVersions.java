package me.minav3.mma.config;

import java.util.List;
import java.util.Optional;
import me.minav3.mma.error.NotFound;

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

    /** What changed from version {@code from} to version {@code to} of a key; {@link NotFound} for a missing one. */
    public List<ConfigDiff.Change> diff(String key, int from, int to) {
        return ConfigDiff.between(required(key, from).value(), required(key, to).value());
    }

    /** The version, or {@link NotFound}. */
    public ConfigVersion required(String key, int version) {
        return store.version(key, version)
                .orElseThrow(() -> new NotFound("no version " + version + " of config " + key));
    }

    /** The newest version of a key, or the given one when {@code version} is not null. */
    public Optional<ConfigVersion> find(String key, Integer version) {
        return version == null ? store.latest(key) : store.version(key, version);
    }
}
