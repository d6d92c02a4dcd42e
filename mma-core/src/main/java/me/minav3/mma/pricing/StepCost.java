package me.minav3.mma.pricing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * What one provider step cost in USD, as recorded under {@code cost} in its step payload's output: the amount, the
 * units billed (images, video seconds and mode, input/output tokens), the unit prices and the version of the price
 * table used. An unknown cost has no amount ({@code usd} null) and says why; it is never guessed.
 *
 * <p>This record is the one place the keys of the {@code cost} object are spelled: the engine writes them with
 * {@link #toJson()}, and the cost queries (PostgreSQL and the in-memory fake) read them through these constants.
 * Amounts and unit prices are written as decimal strings, so no JSON reader turns them into binary floating point.
 */
public record StepCost(
        String provider,
        @Nullable String model,
        @Nullable BigDecimal usd,
        Map<String, Object> units,
        Map<String, Object> unitPrice,
        @Nullable Integer priceTableVersion,
        @Nullable String reason) {

    /** The key of the cost object in a step's output. */
    public static final String KEY = "cost";

    public static final String PROVIDER = "provider";
    public static final String MODEL = "model";
    public static final String USD = "usd";
    public static final String UNITS = "units";
    public static final String UNIT_PRICE = "unit_price";
    public static final String PRICE_TABLE_VERSION = "price_table_version";
    public static final String REASON = "reason";

    public StepCost {
        units = Json.copy(units);
        unitPrice = Json.copy(unitPrice);
        if (usd == null) {
            Objects.requireNonNull(reason, "an unknown cost says why");
        } else if (usd.signum() < 0) {
            throw new IllegalArgumentException("a cost is never negative");
        }
    }

    /** A cost computed from the price table. */
    static StepCost priced(
            String provider,
            @Nullable String model,
            BigDecimal usd,
            Map<String, Object> units,
            Map<String, Object> unitPrice,
            @Nullable Integer version) {
        return new StepCost(provider, model, usd, units, unitPrice, version, null);
    }

    /** A cost that cannot be known, and why. */
    public static StepCost unknown(
            String provider,
            @Nullable String model,
            Map<String, Object> units,
            @Nullable Integer version,
            String reason) {
        return new StepCost(provider, model, null, units, Map.of(), version, reason);
    }

    public boolean known() {
        return usd != null;
    }

    /** The {@code cost} object of a step's output. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = Json.obj(
                PROVIDER,
                provider,
                MODEL,
                model,
                USD,
                usd == null ? null : plain(usd),
                UNITS,
                units,
                UNIT_PRICE,
                unitPrice,
                PRICE_TABLE_VERSION,
                priceTableVersion);
        if (reason != null) {
            json.put(REASON, reason);
        }
        return json;
    }

    /** The USD amount of a stored {@code cost} object, or null when it is unknown or unreadable. */
    public static @Nullable BigDecimal usdOf(@Nullable Map<String, ?> cost) {
        Object usd = cost == null ? null : cost.get(USD);
        if (usd == null) {
            return null;
        }
        try {
            return new BigDecimal(usd.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String plain(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
