package me.minav3.mma.shopify;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.error.ConfigurationError;
import org.jspecify.annotations.Nullable;

/**
 * Spec §5.1: which SKUs are matcha packs and what one unit is worth. A SKU matching {@code sku_pattern}
 * ({@code MINA-<n>}) is worth n matcha; {@code overrides} name other SKUs ({@code MINA-STARTER: 30}) or correct
 * a patterned one, and an override of 0 takes a SKU out. Every other SKU buys nothing. SKUs compare without case.
 */
public final class PackPolicy {

    /** The highest value one unit can have; keeps {@code value × quantity} far from overflow. */
    public static final long MAX_UNIT = 1_000_000;

    private static final String KEY = "mma.packs";
    private static final String PLACEHOLDER = "<n>";
    private final Pattern pattern;
    private final Map<String, Long> overrides;

    private PackPolicy(Pattern pattern, Map<String, Long> overrides) {
        this.pattern = pattern;
        this.overrides = overrides;
    }

    /** The built-in policy ({@code MINA-<n>}, no overrides). */
    public static PackPolicy standard() {
        return fromConfig(Map.of());
    }

    /** Reads an {@code mma.packs} value: {@code {"sku_pattern": "MINA-<n>", "overrides": {"MINA-STARTER": 30}}}. */
    public static PackPolicy fromConfig(Map<String, Object> packs) {
        String skuPattern = Json.string(packs, "sku_pattern", "MINA-<n>").strip();
        int at = skuPattern.indexOf(PLACEHOLDER);
        if (at < 0 || skuPattern.indexOf(PLACEHOLDER, at + 1) >= 0) {
            throw new ConfigurationError(KEY + ".sku_pattern must hold <n> exactly once, was '" + skuPattern + "'");
        }
        String prefix = skuPattern.substring(0, at);
        String suffix = skuPattern.substring(at + PLACEHOLDER.length());
        Pattern pattern = Pattern.compile(
                Pattern.quote(prefix) + "([1-9][0-9]{0,6})" + (suffix.isEmpty() ? "" : Pattern.quote(suffix)),
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
        Map<String, Long> overrides = new LinkedHashMap<>();
        Json.object(packs, "overrides").forEach((sku, value) -> {
            if (!(value instanceof Number n)
                    || n.doubleValue() != n.longValue()
                    || n.longValue() < 0
                    || n.longValue() > MAX_UNIT) {
                throw new ConfigurationError(KEY + ".overrides." + sku + " must be a whole number of matcha from 0 to "
                        + MAX_UNIT + ", was " + value);
            }
            overrides.put(key(sku), n.longValue());
        });
        return new PackPolicy(pattern, Map.copyOf(overrides));
    }

    /** The matcha one unit of this SKU buys; empty when it is not a pack. */
    public Optional<Matcha> unitValue(@Nullable String sku) {
        if (sku == null || sku.isBlank()) {
            return Optional.empty();
        }
        Long override = overrides.get(key(sku));
        if (override != null) {
            return override == 0 ? Optional.empty() : Optional.of(Matcha.of(override));
        }
        Matcher matcher = pattern.matcher(sku.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        long value = Long.parseLong(matcher.group(1));
        return value > MAX_UNIT ? Optional.empty() : Optional.of(Matcha.of(value));
    }

    /** {@code value × quantity}: {@code MINA-50 × 4 = 200}. Empty when the SKU is not a pack or the quantity is 0. */
    public Optional<Matcha> valueOf(String sku, int quantity) {
        if (quantity <= 0) {
            return Optional.empty();
        }
        return unitValue(sku).map(unit -> unit.times(quantity));
    }

    private static String key(String sku) {
        return sku.strip().toUpperCase(Locale.ROOT);
    }
}
