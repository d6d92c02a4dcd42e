package me.minav3.http;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import me.minav3.mma.error.ConfigurationError;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP server's settings from the environment: who is an admin, Supabase Auth, the studio origin allowed by
 * CORS, whether the local email-code login is offered, and how many proxies in front may be believed about the
 * client's address ({@code X-Forwarded-For}, see {@link Requester}).
 */
public record HttpSettings(
        Set<String> adminEmails,
        @Nullable String supabaseUrl,
        @Nullable String supabaseAnonKey,
        byte @Nullable [] supabaseJwtSecret,
        @Nullable String studioOrigin,
        boolean localLogin,
        int trustedProxies) {

    static final String ADMIN_EMAILS = "MINA_ADMIN_EMAILS";
    static final String SUPABASE_URL = "SUPABASE_URL";
    static final String SUPABASE_ANON_KEY = "SUPABASE_ANON_KEY";
    static final String SUPABASE_JWT_SECRET = "SUPABASE_JWT_SECRET";
    static final String STUDIO_ORIGIN = "MINA_STUDIO_ORIGIN";
    static final String LOCAL_LOGIN = "MINA_LOCAL_LOGIN";
    static final String TRUSTED_PROXIES = "MINA_TRUSTED_PROXIES";

    /** @param settings a setting by name, null when unset or blank (the composition root's settings) */
    public static HttpSettings from(Function<String, @Nullable String> settings) {
        Set<String> admins = settings.apply(ADMIN_EMAILS) == null
                ? Set.of()
                : Arrays.stream(settings.apply(ADMIN_EMAILS).split(","))
                        .map(e -> e.strip().toLowerCase(Locale.ROOT))
                        .filter(e -> !e.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
        String supabaseUrl = settings.apply(SUPABASE_URL);
        if (supabaseUrl != null && supabaseUrl.endsWith("/")) {
            supabaseUrl = supabaseUrl.substring(0, supabaseUrl.length() - 1);
        }
        String secret = settings.apply(SUPABASE_JWT_SECRET);
        String localLogin = settings.apply(LOCAL_LOGIN);
        boolean local = localLogin == null || "true".equalsIgnoreCase(localLogin) || "1".equals(localLogin);
        return new HttpSettings(
                admins,
                supabaseUrl,
                settings.apply(SUPABASE_ANON_KEY),
                secret == null ? null : secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                settings.apply(STUDIO_ORIGIN),
                local,
                trustedProxies(settings.apply(TRUSTED_PROXIES)));
    }

    private static int trustedProxies(@Nullable String value) {
        if (value == null) {
            return 0;
        }
        try {
            int proxies = Integer.parseInt(value.strip());
            if (proxies >= 0 && proxies <= 10) {
                return proxies;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ConfigurationError(
                TRUSTED_PROXIES + " is the number of proxies in front of the server (0 to 10), not '" + value + "'");
    }

    /** The project's JWKS endpoint, when Supabase is configured. */
    @Nullable
    URL jwksUrl() {
        if (supabaseUrl == null) {
            return null;
        }
        try {
            return URI.create(supabaseUrl + "/auth/v1/.well-known/jwks.json").toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw new ConfigurationError(SUPABASE_URL + " is not a valid URL");
        }
    }
}
