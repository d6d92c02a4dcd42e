package me.minav3.mma.credits;

import java.util.Arrays;
import java.util.Locale;

/** Why credits moved ({@code mg_reason}). */
public enum CreditReason {
    /** A Shopify pack. Sets expiry to 30 days after the purchase. */
    PURCHASE,
    /** Free or test credits (signup, support, admin). Expire 30 days after the account was created. */
    GRANT,
    /** The charge of a generation. */
    GENERATION,
    /** A failed generation's charge given back. */
    REFUND,
    /** An expired balance set to zero. */
    EXPIRED,
    /** A reconciliation correction of the ledger. */
    RECONCILE,
    /** The optional price of "Type for me" ({@code mma.limits} {@code suggestion_price}), per block of uses; never refunded. */
    SUGGESTION,
    /** A Shopify refund taking back what a pack line bought, never more than the balance (decision 029). */
    SHOPIFY_REFUND,
    /** An admin's correction of a balance, up or down, with a required reason (issue 20). */
    ADJUSTMENT,
    /** One matcha moved into the customer's edit-tool pool, which tool runs then draw down (decision 042). */
    TOOL_POOL;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CreditReason fromWire(String wire) {
        return Arrays.stream(values())
                .filter(r -> r.wire().equals(wire))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown credit reason: " + wire));
    }
}
