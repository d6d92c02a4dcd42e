package me.minav3.mma.common;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The stable identity key of a customer (spec §11.1): {@code pass:shopify:<id>}, {@code pass:user:<id>} or
 * {@code pass:anon:<uuid>}. A Shopify pass id exists only for a real, positive Shopify customer id.
 */
public record PassId(String value) {

    private static final Pattern SHOPIFY = Pattern.compile("pass:shopify:([1-9][0-9]{0,18})");
    private static final Pattern USER = Pattern.compile("pass:user:([A-Za-z0-9][A-Za-z0-9._-]{0,127})");
    private static final Pattern ANON =
            Pattern.compile("pass:anon:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");
    private static final Pattern SHOPIFY_GID = Pattern.compile("gid://shopify/Customer/([0-9]+)");

    /** The three forms, strongest first. */
    public enum Kind {
        SHOPIFY,
        USER,
        ANON
    }

    public PassId {
        Objects.requireNonNull(value, "pass id");
        if (!SHOPIFY.matcher(value).matches()
                && !USER.matcher(value).matches()
                && !ANON.matcher(value).matches()) {
            throw new IllegalArgumentException("not a pass id: '" + abbreviate(value)
                    + "' (expected pass:shopify:<number>, pass:user:<id> or pass:anon:<uuid>)");
        }
    }

    public static PassId parse(@Nullable String text) {
        return new PassId(Objects.requireNonNull(text, "pass id").strip());
    }

    /** A Shopify pass id, or empty when the id is missing, zero, negative or not a Shopify customer id. */
    public static Optional<PassId> shopify(@Nullable String shopifyCustomerId) {
        if (shopifyCustomerId == null) {
            return Optional.empty();
        }
        String id = shopifyCustomerId.strip();
        Matcher gid = SHOPIFY_GID.matcher(id);
        if (gid.matches()) {
            id = gid.group(1);
        }
        String candidate = "pass:shopify:" + id;
        return SHOPIFY.matcher(candidate).matches() ? Optional.of(new PassId(candidate)) : Optional.empty();
    }

    public static PassId shopify(long shopifyCustomerId) {
        return shopify(Long.toString(shopifyCustomerId))
                .orElseThrow(() -> new IllegalArgumentException("not a Shopify customer id: " + shopifyCustomerId));
    }

    public static PassId user(String userId) {
        return new PassId(
                "pass:user:" + Objects.requireNonNull(userId, "user id").strip());
    }

    public static PassId anon(UUID uuid) {
        return new PassId("pass:anon:" + uuid.toString().toLowerCase(Locale.ROOT));
    }

    /** Spec §11.1 resolution: the Shopify id if real, else the user id, else a fresh anonymous id. */
    public static PassId resolve(String shopifyCustomerId, String userId, UUID anonFallback) {
        Optional<PassId> fromShopify = shopify(shopifyCustomerId);
        if (fromShopify.isPresent()) {
            return fromShopify.get();
        }
        if (userId != null && !userId.isBlank()) {
            return user(userId);
        }
        return anon(anonFallback);
    }

    public Kind kind() {
        if (value.startsWith("pass:shopify:")) {
            return Kind.SHOPIFY;
        }
        return value.startsWith("pass:user:") ? Kind.USER : Kind.ANON;
    }

    /** The part after {@code pass:<kind>:}. */
    public String localId() {
        return value.substring(value.indexOf(':', "pass:".length()) + 1);
    }

    /** The Shopify customer id when this is a Shopify pass id. */
    public Optional<Long> shopifyCustomerId() {
        return kind() == Kind.SHOPIFY ? Optional.of(Long.parseLong(localId())) : Optional.empty();
    }

    /** A file-name-safe form for storage keys: {@code shopify-123}, {@code user-alice}, {@code anon-<uuid>}. */
    public String safeSegment() {
        return kind().name().toLowerCase(Locale.ROOT) + "-" + localId().replace('.', '_');
    }

    @Override
    public String toString() {
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
