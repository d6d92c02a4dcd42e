package me.minav3.adapters.providers.http;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes what must never be stored from provider requests and replies before they reach a step payload: the
 * configured secrets, credentials under well-known keys, bearer tokens and JWTs, signed URL query strings, and
 * inline image data (replaced by a short placeholder such as {@code data:image/png;base64,<12345 bytes>}).
 */
public final class Redaction {

    public static final String REDACTED = "<redacted>";

    /** Secrets shorter than this are not searched for in text: they would blank out ordinary words. */
    private static final int MIN_SECRET_LENGTH = 6;

    private static final int MAX_TEXT = 8_000;

    private static final Set<String> SECRET_KEYS = Set.of(
            "authorization",
            "api_key",
            "apikey",
            "api-key",
            "access_token",
            "token",
            "secret",
            "secret_key",
            "password",
            "x-shopify-access-token",
            "jwt");
    /** Fields where providers take an image as bare base64 (Kling) or as a list of images. */
    private static final Set<String> IMAGE_KEYS =
            Set.of("image", "image_tail", "start_image", "end_image", "image_input", "b64_json");

    private static final Set<String> SIGNING_PARAMS = Set.of(
            "signature",
            "sig",
            "expires",
            "token",
            "access_token",
            "auth",
            "key",
            "api_key",
            "apikey",
            "policy",
            "key-pair-id",
            "credential",
            "se",
            "sp",
            "sv");
    private static final List<String> SIGNING_PREFIXES = List.of("x-amz-", "x-tos-", "x-goog-", "x-oss-");

    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>]+");
    private static final Pattern JWT = Pattern.compile("eyJ[\\w-]+\\.eyJ[\\w-]*\\.[\\w-]+");
    private static final Pattern BEARER = Pattern.compile("Bearer\\s+[\\w.~+/=-]{8,}");
    private static final int MIN_BARE_BASE64 = 200;
    /** Characters of a base64 digit run: {@code [A-Za-z0-9+/]}. */
    private static final boolean[] BASE64_DIGIT =
            table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");
    /** Characters of a data URL's payload: base64 and base64url digits and padding. */
    private static final boolean[] DATA_URL_CHAR =
            table("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=_-");

    private static final Pattern SHORT_BASE64 = Pattern.compile("[A-Za-z0-9+/]{8,}={0,2}");

    private final List<String> secrets;

    private static boolean[] table(String characters) {
        boolean[] table = new boolean[128];
        characters.chars().forEach(c -> table[c] = true);
        return table;
    }

    public Redaction(Collection<String> secrets) {
        this.secrets = secrets.stream()
                .filter(Objects::nonNull)
                .map(String::strip)
                .filter(secret -> secret.length() >= MIN_SECRET_LENGTH)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
    }

    /** A deep copy of a JSON tree with every value cleaned. */
    public Map<String, Object> json(Map<String, ?> tree) {
        Map<String, Object> copy = new LinkedHashMap<>();
        if (tree != null) {
            tree.forEach((key, value) -> copy.put(key, clean(key, value)));
        }
        return copy;
    }

    private @Nullable Object clean(@Nullable String key, @Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (key != null && SECRET_KEYS.contains(key.toLowerCase(Locale.ROOT))) {
            return REDACTED;
        }
        if (key != null && IMAGE_KEYS.contains(key)) {
            return value instanceof Collection<?> images
                    ? images.stream().map(this::image).toList()
                    : image(value);
        }
        return value(value);
    }

    /** An image value: a URL stays (cleaned), bare base64 of any length becomes its size. */
    private @Nullable Object image(Object value) {
        if (value instanceof String text && SHORT_BASE64.matcher(text).matches()) {
            return "<base64 " + decodedBytes(text) + " bytes>";
        }
        return value(value);
    }

    /** One JSON value cleaned: maps and lists deeply, strings by {@link #text}. */
    @SuppressWarnings("unchecked")
    public @Nullable Object value(@Nullable Object value) {
        if (value instanceof Map<?, ?> map) {
            return json((Map<String, ?>) map);
        }
        if (value instanceof Collection<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(value(item)));
            return copy;
        }
        if (value instanceof String text) {
            return text(text);
        }
        return value;
    }

    /** Free text (an error message, a raw reply) with every secret, token, signed query and image blob removed. */
    public @Nullable String text(@Nullable String text) {
        if (text == null) {
            return null;
        }
        // Inline images first: they are most of a request's characters, and once they are gone every later pass
        // reads a few hundred characters instead of a few hundred thousand (a secret inside one goes with it).
        String clean = withoutDataUrls(text);
        for (String secret : secrets) {
            clean = clean.replace(secret, REDACTED);
        }
        if (clean.contains("http")) {
            clean = replace(URL, clean, m -> url(m.group()));
        }
        if (clean.contains("eyJ")) {
            clean = replace(JWT, clean, m -> "<jwt>");
        }
        if (clean.contains("Bearer")) {
            clean = replace(BEARER, clean, m -> "Bearer " + REDACTED);
        }
        clean = withoutBareBase64(clean);
        return clean.length() <= MAX_TEXT
                ? clean
                : clean.substring(0, MAX_TEXT) + "…(" + (clean.length() - MAX_TEXT) + " more chars)";
    }

    /** A URL without its query string when that query signs or authorizes it (S3, TOS, GCS, OSS, tokens). */
    public String url(String url) {
        int question = url.indexOf('?');
        if (question < 0) {
            return url;
        }
        String query = url.substring(question + 1);
        int hash = query.indexOf('#');
        if (hash >= 0) {
            query = query.substring(0, hash);
        }
        for (String pair : query.split("&")) {
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (SIGNING_PARAMS.contains(name) || SIGNING_PREFIXES.stream().anyMatch(name::startsWith)) {
                return url.substring(0, question) + "?" + REDACTED;
            }
        }
        return url;
    }

    /**
     * {@code data:<type>;base64,<data>} replaced by {@code data:<type>;base64,<N bytes>}, found by hand: a regular
     * expression walking hundreds of kilobytes of inline image was a quarter of a busy server's CPU.
     */
    private static String withoutDataUrls(String text) {
        int start = text.indexOf("data:");
        if (start < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        while (start >= 0) {
            int typeEnd = start + 5;
            while (typeEnd < text.length() && isMediaTypeChar(text.charAt(typeEnd))) {
                typeEnd++;
            }
            int dataStart = typeEnd + ";base64,".length();
            int end = dataStart;
            if (typeEnd > start + 5 && text.startsWith(";base64,", typeEnd)) {
                while (end < text.length() && isBase64Char(text.charAt(end))) {
                    end++;
                }
            }
            if (end > dataStart) {
                if (out == null) {
                    out = new StringBuilder(Math.min(text.length(), 1024));
                }
                out.append(text, copied, typeEnd)
                        .append(";base64,<")
                        .append(decodedBytes(text.substring(end - 2, end), end - dataStart))
                        .append(" bytes>");
                copied = end;
                start = text.indexOf("data:", end);
            } else {
                start = text.indexOf("data:", start + 5);
            }
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }

    /**
     * Every run of at least {@value #MIN_BARE_BASE64} base64 characters (and up to two {@code =} after it) replaced by
     * {@code <base64 N bytes>}; by hand, for the same reason as {@link #withoutDataUrls}.
     */
    private static String withoutBareBase64(String text) {
        if (text.length() < MIN_BARE_BASE64) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            if (!isBase64Digit(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < n && isBase64Digit(text.charAt(i))) {
                i++;
            }
            if (i - start < MIN_BARE_BASE64) {
                continue;
            }
            int end = i;
            while (end < n && end - i < 2 && text.charAt(end) == '=') {
                end++;
            }
            if (out == null) {
                out = new StringBuilder(Math.min(n, 1024));
            }
            out.append(text, copied, start)
                    .append("<base64 ")
                    .append(decodedBytes(text.substring(end - 2, end), end - start))
                    .append(" bytes>");
            copied = end;
            i = end;
        }
        return out == null ? text : out.append(text, copied, n).toString();
    }

    /** The 64 digits of standard base64 (no padding, no URL-safe forms): what a bare blob is made of. */
    private static boolean isBase64Digit(char c) {
        return c < 128 && BASE64_DIGIT[c];
    }

    private static boolean isMediaTypeChar(char c) {
        return c >= 'a' && c <= 'z'
                || c >= 'A' && c <= 'Z'
                || c >= '0' && c <= '9'
                || c == '_'
                || c == '.'
                || c == '+'
                || c == '/'
                || c == '-';
    }

    private static boolean isBase64Char(char c) {
        return c < 128 && DATA_URL_CHAR[c];
    }

    private static long decodedBytes(String lastTwo, int length) {
        int padding = lastTwo.endsWith("==") ? 2 : lastTwo.endsWith("=") ? 1 : 0;
        return length * 3L / 4 - padding;
    }

    private static long decodedBytes(String base64) {
        int padding = base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0;
        return base64.length() * 3L / 4 - padding;
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<Matcher, String> with) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(with.apply(matcher)));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
