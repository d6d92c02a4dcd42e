package me.minav3.mma.shopify;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * A Shopify Admin API version ({@code YYYY-MM}, released quarterly in January, April, July and October) and its
 * support window: Shopify supports a stable version for at least 12 months after its release and then silently
 * serves requests to it with the oldest supported version instead ("falls forward"). {@code unstable} is accepted
 * (with a warning: it is not a stable version) and never expires.
 */
public record ShopifyApiVersion(String value) {

    /** The version the product is tested against and falls forward to (supported until at least 2027-10-01). */
    public static final ShopifyApiVersion DEFAULT = new ShopifyApiVersion("2026-10");

    static final int SUPPORT_MONTHS = 12;

    public ShopifyApiVersion {
        if (value == null || !(value.equals("unstable") || value.matches("[0-9]{4}-(01|04|07|10)"))) {
            throw new IllegalArgumentException("a Shopify API version looks like 2026-10 (January, April, July or"
                    + " October of a year) or is 'unstable', was '" + value + "'");
        }
    }

    /** The version named by {@code text}, or empty when it is not one (blank, or not {@code YYYY-01/04/07/10}). */
    public static java.util.Optional<ShopifyApiVersion> parse(@Nullable String text) {
        try {
            return text == null || text.isBlank()
                    ? java.util.Optional.empty()
                    : java.util.Optional.of(new ShopifyApiVersion(text.strip()));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    /** The first day Shopify no longer serves this version as itself; null for {@code unstable}. */
    public @Nullable LocalDate supportEnds() {
        if (value.equals("unstable")) {
            return null;
        }
        return LocalDate.parse(value + "-01").plusMonths(SUPPORT_MONTHS);
    }

    /** Whether Shopify still serves this version as itself on {@code day} (a version not yet released counts as supported). */
    public boolean supportedOn(LocalDate day) {
        LocalDate ends = supportEnds();
        return ends == null || day.isBefore(ends);
    }

    /**
     * Which version to call with, given the configured one: the configured version while it is supported, else
     * {@link #DEFAULT} with a warning (calling the old one would get whatever Shopify falls forward to instead).
     *
     * @param configured the configured text, null or blank for none (then the default, without a warning)
     * @param source     where {@code configured} came from, named in the warning (e.g. {@code mma.shopify api_version})
     */
    public static Choice choose(@Nullable String configured, String source, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        if (configured == null || configured.isBlank()) {
            return new Choice(DEFAULT, null, null);
        }
        var parsed = parse(configured);
        if (parsed.isEmpty()) {
            return new Choice(
                    DEFAULT,
                    configured.strip(),
                    source + " '" + configured.strip() + "' is not a Shopify API version; using " + DEFAULT.value());
        }
        ShopifyApiVersion version = parsed.get();
        if (version.supportEnds() == null) {
            return new Choice(
                    version,
                    version.value(),
                    "Shopify API version unstable (" + source
                            + ") may change without notice; use a stable version such as " + DEFAULT.value());
        }
        if (version.supportedOn(today)) {
            return new Choice(version, version.value(), null);
        }
        if (DEFAULT.supportedOn(today)) {
            return new Choice(
                    DEFAULT,
                    version.value(),
                    "Shopify API version " + version.value() + " (" + source
                            + ") is out of support since " + version.supportEnds() + "; using " + DEFAULT.value()
                            + " instead. Set " + source + " to a supported version to silence this.");
        }
        ShopifyApiVersion newer = version.value().compareTo(DEFAULT.value()) > 0 ? version : DEFAULT;
        return new Choice(
                newer,
                version.value(),
                "Shopify API version " + version.value() + " (" + source
                        + ") and the built-in " + DEFAULT.value() + " are both out of support; using " + newer.value()
                        + ". Set " + source + " to a supported version.");
    }

    /**
     * The version calls use, what was configured, and why they differ (null when they do not, or nothing to say).
     */
    public record Choice(
            ShopifyApiVersion used,
            @Nullable String configured,
            @Nullable String warning) {}
}
