package me.minav3.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import me.minav3.mma.error.ConfigurationError;
import org.jspecify.annotations.Nullable;

/**
 * Everything the apps read from the environment, in one place (README → Configuration lists the same names).
 * Secrets stay in this record and are handed to the adapters that need them; {@link #toString()} hides them.
 */
public record MinaSettings(
        Path dataDir,
        @Nullable String databaseUrl,
        int databasePoolSize,
        @Nullable Integer databaseRequestConnections,
        int workers,
        int port,
        String publicBaseUrl,
        Map<String, String> env) {

    public static final String DATA_DIR = "MINA_DATA_DIR";
    public static final String DATABASE_URL = "DATABASE_URL";
    public static final String DB_POOL_SIZE = "MINA_DB_POOL_SIZE";
    /** Of {@link #DB_POOL_SIZE}, the connections pipeline workers never take (decision 038); default about 3 in 10. */
    public static final String DB_REQUEST_CONNECTIONS = "MINA_DB_REQUEST_CONNECTIONS";
    /**
     * How many requests may wait for a database connection at once (decision 047); one more is answered 503 with
     * {@code Retry-After}. Default 1,000; 0 refuses every request that finds every connection in use.
     */
    public static final String DB_REQUEST_QUEUE = "MINA_DB_REQUEST_QUEUE";
    /**
     * The longest, in milliseconds, a pipeline worker waits before each database statement while this process serves
     * requests (decision 060): requests go first, the pipeline is never held longer. Default 200 (longer than a slow
     * create under load, so the pipeline does not come back in the middle of one); 0 turns it off.
     */
    public static final String REQUESTS_FIRST_MS = "MINA_REQUESTS_FIRST_MS";

    public static final String PORT = "PORT";
    public static final String PUBLIC_BASE_URL = "MINA_PUBLIC_BASE_URL";
    public static final String WORKERS = "MINA_WORKERS";
    /** Seconds the embedded PostgreSQL stays up after its last use, for the next call (decision 039); 0 stops it. */
    public static final String DB_IDLE_SECONDS = "MINA_DB_IDLE_SECONDS";
    /** Shopify's webhook signing secret; without it every webhook delivery is refused (401). */
    public static final String SHOPIFY_WEBHOOK_SECRET = "SHOPIFY_WEBHOOK_SECRET";
    /** The shop ({@code my-shop.myshopify.com}): Admin API tagging (with the admin token) and checkout links. */
    public static final String SHOPIFY_STORE_DOMAIN = "SHOPIFY_STORE_DOMAIN";

    public MinaSettings {
        env = Map.copyOf(env);
    }

    /**
     * @param env             the process environment (or a test's map)
     * @param dataDirOverride {@code --data-dir}, or null
     */
    public static MinaSettings from(Map<String, String> env, @Nullable Path dataDirOverride) {
        Path dataDir = dataDirOverride != null ? dataDirOverride : Path.of(env.getOrDefault(DATA_DIR, ".mina"));
        int port = integer(env, PORT, 8080, 0, 65_535);
        int poolSize = integer(env, DB_POOL_SIZE, 10, 1, 200);
        requestQueue(env); // refused at start-up by name when it is not a number in range
        requestsFirst(env); // the same
        return new MinaSettings(
                dataDir.toAbsolutePath().normalize(),
                blankToNull(env.get(DATABASE_URL)),
                poolSize,
                blankToNull(env.get(DB_REQUEST_CONNECTIONS)) == null
                        ? null
                        : integer(env, DB_REQUEST_CONNECTIONS, 0, 0, poolSize - 1),
                integer(env, WORKERS, 32, 1, 10_000),
                port,
                Optional.ofNullable(blankToNull(env.get(PUBLIC_BASE_URL)))
                        .map(MinaSettings::withoutTrailingSlash)
                        .orElse("http://localhost:" + port),
                env);
    }

    public MinaSettings withPort(int newPort) {
        String base = blankToNull(env.get(PUBLIC_BASE_URL)) != null ? publicBaseUrl : "http://localhost:" + newPort;
        return new MinaSettings(
                dataDir, databaseUrl, databasePoolSize, databaseRequestConnections, workers, newPort, base, env);
    }

    /** {@value #DB_REQUEST_QUEUE}: requests that may wait for a database connection at once (decision 047). */
    public int databaseRequestQueue() {
        return requestQueue(env);
    }

    private static int requestQueue(Map<String, String> env) {
        return integer(env, DB_REQUEST_QUEUE, 1_000, 0, 100_000);
    }

    /** {@value #REQUESTS_FIRST_MS}: the longest a pipeline statement waits for the requests being served (060). */
    public Duration requestsFirst() {
        return requestsFirst(env);
    }

    private static Duration requestsFirst(Map<String, String> env) {
        return Duration.ofMillis(integer(env, REQUESTS_FIRST_MS, 200, 0, 1_000));
    }

    /** How long the embedded PostgreSQL outlives its last use ({@value #DB_IDLE_SECONDS}, default 10 minutes). */
    public Duration databaseIdle() {
        return Duration.ofSeconds(integer(env, DB_IDLE_SECONDS, 600, 0, 86_400));
    }

    /** A raw setting (provider keys, storage settings…), or null when unset or blank. */
    public @Nullable String get(String name) {
        return blankToNull(env.get(name));
    }

    public boolean flag(String name) {
        return "true".equalsIgnoreCase(get(name)) || "1".equals(get(name));
    }

    private static int integer(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed < min || parsed > max) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new ConfigurationError(
                    name + " must be a whole number between " + min + " and " + max + ", was '" + value + "'");
        }
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "MinaSettings[dataDir=" + dataDir + ", database=" + (databaseUrl == null ? "embedded" : "external")
                + ", port=" + port + ", publicBaseUrl=" + publicBaseUrl + "]";
    }
}
