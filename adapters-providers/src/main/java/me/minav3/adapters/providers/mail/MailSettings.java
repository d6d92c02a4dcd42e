package me.minav3.adapters.providers.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Function;
import me.minav3.mma.error.ConfigurationError;
import org.jspecify.annotations.Nullable;

/**
 * Where login codes are mailed: {@code SMTP_URL} ({@code smtp://} or {@code smtps://user:pass@host:port}) and
 * {@code MAIL_FROM}. Absent {@code SMTP_URL}, the embedded default writes codes to the log instead.
 * {@link #toString()} never shows the password.
 *
 * @param implicitTls {@code smtps://}: TLS from the first byte (port 465); {@code smtp://} uses STARTTLS when offered
 * @param username    null without credentials (user and password are URL-decoded: {@code %40} for {@code @})
 * @param from        the {@code From} address, validated (a display name is allowed: {@code Mina <login@example.com>})
 */
public record MailSettings(
        boolean implicitTls,
        String host,
        int port,
        @Nullable String username,
        @Nullable String password,
        String from) {

    public static final String SMTP_URL = "SMTP_URL";
    public static final String MAIL_FROM = "MAIL_FROM";

    public MailSettings {
        if (host == null || host.isBlank()) {
            throw new ConfigurationError(SMTP_URL + " needs a host, like smtp://user:pass@smtp.example.com:587");
        }
        if (port < 1 || port > 65_535) {
            throw new ConfigurationError(SMTP_URL + " has an invalid port: " + port);
        }
        if (username == null != (password == null)) {
            throw new ConfigurationError(SMTP_URL + " needs both a user and a password, or neither");
        }
        from = fromAddress(from).toUnicodeString();
    }

    /** The settings from the environment; empty when {@code SMTP_URL} is unset or blank. */
    public static Optional<MailSettings> fromEnvironment(Function<String, @Nullable String> env) {
        String url = env.apply(SMTP_URL);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String from = env.apply(MAIL_FROM);
        // unset and blank are refused alike, naming MAIL_FROM
        return Optional.of(parse(url.strip(), from == null ? "" : from));
    }

    static MailSettings parse(String url, String from) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // The message would repeat the URL, password included.
            throw new ConfigurationError(SMTP_URL + " is not a URL like smtp://user:pass@host:587 (percent-encode"
                    + " special characters in the user and password)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean implicitTls = switch (scheme) {
            case "smtps" -> true;
            case "smtp" -> false;
            default -> throw new ConfigurationError(SMTP_URL + " must start with smtp:// or smtps://");
        };
        if (uri.getHost() == null) {
            throw new ConfigurationError(SMTP_URL + " needs a host, like smtp://user:pass@smtp.example.com:587");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            if (parts.length < 2) {
                throw new ConfigurationError(SMTP_URL + " needs both a user and a password, or neither");
            }
            user = decode(parts[0]);
            password = decode(parts[1]);
        }
        int port = uri.getPort() != -1 ? uri.getPort() : implicitTls ? 465 : 25;
        return new MailSettings(implicitTls, uri.getHost(), port, user, password, from);
    }

    /** Percent-decoding of URL user info ({@code +} stays a plus, unlike in a form). */
    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The {@code From} address, parsed. */
    InternetAddress fromAddress() {
        InternetAddress parsed = fromAddress(from);
        try {
            // Built again so a display name outside ASCII is encoded (RFC 2047), not sent as raw bytes.
            return new InternetAddress(parsed.getAddress(), parsed.getPersonal(), "UTF-8");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InternetAddress fromAddress(String from) {
        if (from == null || from.isBlank()) {
            throw new ConfigurationError(MAIL_FROM + " is needed with " + SMTP_URL
                    + ": the sender of login codes, like MAIL_FROM='Mina <login@example.com>'");
        }
        try {
            InternetAddress address = new InternetAddress(from.strip(), true);
            address.validate();
            return address;
        } catch (AddressException e) {
            throw new ConfigurationError(MAIL_FROM + " is not an email address ('" + from.strip()
                    + "'), like MAIL_FROM='Mina <login@example.com>'");
        }
    }

    /** {@code smtp://host:port as <from>}: for people, without the credentials. */
    public String describe() {
        return (implicitTls ? "smtps" : "smtp") + "://" + host + ":" + port + " as " + from;
    }

    @Override
    public String toString() {
        return "MailSettings[" + describe() + (username == null ? "" : ", user=" + username + ", password=***") + "]";
    }
}
