package me.minav3.mma.config;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;

/** One immutable version of a config key; its row id is {@code app_config:<key>:v<version>}. */
public record ConfigVersion(String key, int version, Map<String, Object> value, String actor, Instant createdAt) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z0-9_]+){0,6}");

    public ConfigVersion {
        requireValidKey(key);
        if (version < 1) {
            throw new IllegalArgumentException("config versions start at 1");
        }
        Objects.requireNonNull(createdAt, "created at");
        value = Json.copy(value);
    }

    public static String requireValidKey(String key) {
        if (key == null || key.length() > 120 || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException(
                    "not a config key: '" + key + "' (dotted lower-case words, e.g. mma.costs)");
        }
        return key;
    }

    public static String idOf(String key, int version) {
        return "app_config:" + key + ":v" + version;
    }

    public String id() {
        return idOf(key, version);
    }
}
