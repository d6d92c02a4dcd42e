package me.minav3.mma.pricing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The price of each edit tool as a fraction of a matcha (config {@code mma.edit}, key {@code prices}; decision
 * 042), exact in pool units of 1/{@link #UNITS_PER_MATCHA} matcha. A price is {@code "p/q"} or a whole {@code "1"}
 * with {@code 0 < p/q ≤ 1} and {@code q} dividing 2520, so no price is ever rounded.
 */
public record EditPrices(Map<String, Long> units) {

    /** The same unit as the pool's ({@code generation.NewGeneration.POOL_UNITS_PER_MATCHA}). */
    public static final long UNITS_PER_MATCHA = 2520;

    /** The tools every price table must price (their wire names). */
    public static final List<String> TOOLS =
            List.of("eraser", "inpaint", "expand", "remove-background", "upscale", "vectorize");

    /** Version 1 of {@code mma.edit}: the prices (½, ½, ½, ⅕, 1/10, ½). */
    public static final Map<String, Object> VERSION_1 = Map.of(
            "prices",
            Map.of(
                    "eraser", "1/2",
                    "inpaint", "1/2",
                    "expand", "1/2",
                    "remove-background", "1/5",
                    "upscale", "1/10",
                    "vectorize", "1/2"));

    private static final Pattern FRACTION = Pattern.compile("\\s*(\\d{1,4})\\s*(?:/\\s*(\\d{1,4})\\s*)?");

    public EditPrices {
        units = Map.copyOf(units);
    }

    /** The tool's price in pool units, or empty for a tool the table does not price. */
    public Optional<Long> unitsOf(String tool) {
        return Optional.ofNullable(units.get(tool));
    }

    /** Parses the config value; {@link IllegalArgumentException} says what is wrong, for people. */
    public static EditPrices parse(Map<String, Object> config) {
        if (!(config.get("prices") instanceof Map<?, ?> prices)) {
            throw new IllegalArgumentException("needs \"prices\": an object of tool → fraction of a matcha");
        }
        Map<String, Long> units = new LinkedHashMap<>();
        for (String tool : TOOLS) {
            Object price = prices.get(tool);
            if (price == null) {
                throw new IllegalArgumentException("needs a price for \"" + tool + "\"");
            }
            units.put(tool, unitsOf(tool, price.toString()));
        }
        for (Object tool : prices.keySet()) {
            if (!TOOLS.contains(tool.toString())) {
                throw new IllegalArgumentException("prices an unknown tool \"" + tool + "\" (known: " + TOOLS + ")");
            }
        }
        return new EditPrices(units);
    }

    private static long unitsOf(String tool, String text) {
        Matcher m = FRACTION.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "the price of \"" + tool + "\" is a fraction like \"1/2\", was \"" + text + "\"");
        }
        long p = Long.parseLong(m.group(1));
        long q = m.group(2) == null ? 1 : Long.parseLong(m.group(2));
        if (p <= 0 || q <= 0 || p > q) {
            throw new IllegalArgumentException(
                    "the price of \"" + tool + "\" must be more than 0 and at most 1 matcha, was \"" + text + "\"");
        }
        if (UNITS_PER_MATCHA % q != 0) {
            throw new IllegalArgumentException("the price of \"" + tool + "\" must have a denominator dividing "
                    + UNITS_PER_MATCHA + " (2…10, 12, 14, 15…), was \"" + text + "\"");
        }
        return p * (UNITS_PER_MATCHA / q);
    }
}
