package me.minav3.mma.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Versioned app config in MEGA_ADMIN ({@code app_config:<key>:v<n>}); rows are never edited. */
public interface ConfigStore {

    /** The newest version of a key. */
    Optional<ConfigVersion> latest(String key);

    /** A specific version (to reproduce what a step used). */
    Optional<ConfigVersion> version(String key, int version);

    /** The newest version of every key, by key. */
    List<ConfigVersion> latestOfEach();

    /** Every version of a key, newest first. */
    List<ConfigVersion> history(String key);

    /** Writes version N+1 (1 for a new key); concurrent publishers each get their own version. */
    ConfigVersion publish(String key, Map<String, Object> value, String actor, java.time.Instant at);

    /** Writes version 1 unless the key already has a version; returns whether it wrote. */
    boolean seed(String key, Map<String, Object> value, java.time.Instant at);
}
