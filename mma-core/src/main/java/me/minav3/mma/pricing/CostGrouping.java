package me.minav3.mma.pricing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How cost totals are grouped: by provider, by model, or by UTC day of the step. */
public enum CostGrouping {
    PROVIDER,
    MODEL,
    DAY;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The grouping named {@code text} ({@code provider}, {@code model}, {@code day}). */
    public static CostGrouping parse(String text) {
        return Arrays.stream(values())
                .filter(g -> g.wire().equals(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("costs are grouped by "
                        + Arrays.stream(values()).map(CostGrouping::wire).collect(Collectors.joining(", ")) + ", not '"
                        + text + "'"));
    }
}
