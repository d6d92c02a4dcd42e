package me.minav3.adapters.postgres;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import me.minav3.mma.error.ConfigurationError;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL location as users give it: the {@code postgres://user:pass@host:port/db?sslmode=require} form that
 * Supabase and most hosts print, or a plain JDBC URL. The password is kept out of {@link #toString()}.
 */
public record DatabaseUrl(
        String jdbcUrl, @Nullable String user, @Nullable String password) {

    public DatabaseUrl {
        Objects.requireNonNull(jdbcUrl, "jdbc url");
    }

    public static DatabaseUrl parse(@Nullable String text) {
        String url = text == null ? "" : text.strip();
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseUrl(url, null, null);
        }
        if (!url.startsWith("postgres://") && !url.startsWith("postgresql://")) {
            throw new ConfigurationError("DATABASE_URL must start with postgres://, postgresql:// or jdbc:postgresql:");
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                throw new ConfigurationError("DATABASE_URL has no host");
            }
            String user = null;
            String password = null;
            if (uri.getRawUserInfo() != null) {
                String[] parts = uri.getRawUserInfo().split(":", 2);
                user = decode(parts[0]);
                password = parts.length > 1 ? decode(parts[1]) : null;
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/postgres" : uri.getRawPath();
            String jdbc = "jdbc:postgresql://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path
                    + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return new DatabaseUrl(jdbc, user, password);
        } catch (URISyntaxException e) {
            throw new ConfigurationError(
                    "DATABASE_URL is not a valid URL (special characters in the password must be " + "percent-encoded)",
                    e);
        }
    }

    /**
     * This location as one JDBC URL carrying the user and password as parameters: a {@code DATABASE_URL} value that
     * {@link #parse} reads back to the same server and credentials (for handing to another process or setting).
     */
    public String setting() {
        StringBuilder url = new StringBuilder(jdbcUrl);
        char separator = jdbcUrl.contains("?") ? '&' : '?';
        if (user != null) {
            url.append(separator).append("user=").append(encode(user));
            separator = '&';
        }
        if (password != null) {
            url.append(separator).append("password=").append(encode(password));
        }
        return url.toString();
    }

    /** A plain JDBC connection (no pool) with these credentials. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return jdbcUrl.replaceAll("(?i)password=[^&]*", "password=***") + (user == null ? "" : " (user " + user + ")");
    }
}
