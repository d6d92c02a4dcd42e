package me.minav3.adapters.r2;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How the media fetcher connects. Size, redirect and total-time limits come per call from config
 * ({@code mma.uploads}); these are the fixed parts.
 *
 * @param allowLoopback lets the fetcher reach 127.0.0.0/8 and ::1, for local provider fakes in tests and
 *                      development only; every other non-public range stays refused
 */
public record FetcherSettings(boolean allowLoopback, Duration connectTimeout, String userAgent) {

    private static final String DEFAULT_USER_AGENT = "MINAV3-media-fetcher/1";

    public static final String ALLOW_LOOPBACK_ENV = "MINA_ALLOW_LOOPBACK_FETCH";

    public FetcherSettings {
        Objects.requireNonNull(connectTimeout, "connect timeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("the connect timeout must be positive");
        }
        userAgent = userAgent == null || userAgent.isBlank() ? DEFAULT_USER_AGENT : userAgent;
    }

    /** Public addresses only, 10 s to connect. */
    public static FetcherSettings defaults() {
        return new FetcherSettings(false, Duration.ofSeconds(10), DEFAULT_USER_AGENT);
    }

    /** The defaults, with loopback allowed only when {@code MINA_ALLOW_LOOPBACK_FETCH=true}. */
    public static FetcherSettings fromEnvironment(Function<String, @Nullable String> env) {
        boolean loopback = "true"
                .equalsIgnoreCase(String.valueOf(env.apply(ALLOW_LOOPBACK_ENV)).strip());
        return new FetcherSettings(loopback, Duration.ofSeconds(10), DEFAULT_USER_AGENT);
    }
}
