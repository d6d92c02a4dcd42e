package me.minav3.mma.pricing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The cost of a group of provider steps: the USD sum of the steps whose cost is known, and how many steps had an
 * unknown cost (then the sum is a lower bound).
 */
public record CostTotal(String group, BigDecimal usd, long pricedSteps, long unpricedSteps) {

    public CostTotal {
        Objects.requireNonNull(group, "group");
        usd = usd == null ? BigDecimal.ZERO : usd;
        if (pricedSteps < 0 || unpricedSteps < 0) {
            throw new IllegalArgumentException("step counts are never negative");
        }
    }

    /** Whether every step of the group has a known cost. */
    public boolean complete() {
        return unpricedSteps == 0;
    }

    /** The amount as plain decimal text ({@code 0.0305}). */
    public String usdText() {
        return StepCost.plain(usd);
    }
}
