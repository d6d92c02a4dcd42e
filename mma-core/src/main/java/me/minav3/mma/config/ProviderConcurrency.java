package me.minav3.mma.config;

import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/**
 * How many calls one process makes to a provider at once: {@code max_concurrency} in
 * {@code mma.provider.<name>.defaults}, a whole number (for each role the provider plays) or an object by role
 * ({@code {"vision": 8, "still": 4, "video": 2}}). A key left out keeps the built-in value of {@link DefaultConfig}.
 */
public final class ProviderConcurrency {

    public static final String KEY = "max_concurrency";
    /** For a provider with no built-in value either. */
    public static final int FALLBACK = 16;

    public static final int MAX = 10_000;

    private ProviderConcurrency() {}

    /** The limit for {@code role} of {@code provider} given its newest defaults row. */
    public static int of(String provider, String role, @Nullable Map<String, ?> defaults) {
        Integer configured = read(defaults, role);
        if (configured != null) {
            return configured;
        }
        Integer builtIn = read(DefaultConfig.values().get(ConfigKeys.providerDefaults(provider)), role);
        return builtIn != null ? builtIn : FALLBACK;
    }

    /** Refuses a {@code max_concurrency} that is neither a whole number from 1 to 10000 nor an object of them. */
    static void check(String key, Map<String, ?> defaults) {
        Object value = defaults.get(KEY);
        if (value == null) {
            return;
        }
        boolean valid = value instanceof Map<?, ?> byRole
                ? !byRole.isEmpty() && byRole.values().stream().allMatch(ProviderConcurrency::valid)
                : valid(value);
        if (!valid) {
            throw new InvalidInput("config " + key + " needs \"" + KEY + "\" as a whole number from 1 to " + MAX
                    + ", or an object of such numbers by role (vision, still, still_niche, video, edit, commerce)");
        }
    }

    private static @Nullable Integer read(@Nullable Map<String, ?> defaults, String role) {
        Object value = defaults == null ? null : defaults.get(KEY);
        if (value instanceof Map<?, ?> byRole) {
            value = byRole.get(role);
        }
        return value instanceof Number number && valid(number) ? number.intValue() : null;
    }

    private static boolean valid(@Nullable Object value) {
        return value instanceof Number n
                && n.doubleValue() == n.longValue()
                && n.longValue() >= 1
                && n.longValue() <= MAX;
    }

    /** The by-role form, for the built-in defaults. */
    static Map<String, Object> byRole(int vision, int still, int video) {
        return Json.obj("vision", vision, "still", still, "video", video);
    }
}
