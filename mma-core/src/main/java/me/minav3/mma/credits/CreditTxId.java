package me.minav3.mma.credits;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;

/**
 * The deterministic id of one credit movement, {@code credit_transaction:<kind>:<...>}. The same logical
 * movement always gets the same id, so applying it twice is detected and has no second effect.
 */
public record CreditTxId(String value) {

    private static final String PREFIX = "credit_transaction:";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:@+-]{1,200}");

    public CreditTxId {
        Objects.requireNonNull(value, "credit transaction id");
        if (!value.startsWith(PREFIX)
                || !SAFE.matcher(value.substring(PREFIX.length())).matches()) {
            throw new IllegalArgumentException("not a credit transaction id: '" + value + "'");
        }
    }

    /** The charge of a generation. */
    public static CreditTxId charge(GenerationId generation) {
        return new CreditTxId(PREFIX + "gen:" + generation.value());
    }

    /**
     * The matcha a tool run moved into its customer's edit-tool pool because the pool held less than its share
     * (decision 042): keyed by that run, so a retried create never moves a second one.
     */
    public static CreditTxId toolPool(GenerationId generation) {
        return new CreditTxId(PREFIX + "pool:" + generation.value());
    }

    /** The refund of a failed generation's charge. */
    public static CreditTxId refund(GenerationId generation) {
        return new CreditTxId(PREFIX + "refund:" + generation.value());
    }

    /**
     * The price of block {@code block} of a customer's "Type for me" uses (uses {@code block * every + 1} to
     * {@code (block + 1) * every}): whichever use of the block comes first pays it, the others find it paid.
     */
    public static CreditTxId suggestions(PassId passId, long block) {
        return new CreditTxId(PREFIX + "suggest:" + passId.value() + ":" + block);
    }

    /** One Shopify order line item. */
    public static CreditTxId shopify(long orderId, long lineItemId) {
        return new CreditTxId(PREFIX + "shopify:" + orderId + ":" + lineItemId);
    }

    /** What one line of a Shopify refund takes back ({@code shopify_refund:<refund id>:<refund line item id>}). */
    public static CreditTxId shopifyRefund(long refundId, long refundLineId) {
        return new CreditTxId(PREFIX + "shopify_refund:" + refundId + ":" + refundLineId);
    }

    /** A manual or scripted grant; the key is chosen by the caller so a retry is recognised. */
    public static CreditTxId grant(String requestKey) {
        return new CreditTxId(PREFIX + "grant:" + requestKey);
    }

    /**
     * Zeroing an expired balance. {@code ledgerRows} is the customer's number of credit rows at that moment, so a
     * later expiry of the same customer (after a refund or a new purchase) gets a new id.
     */
    public static CreditTxId expiry(PassId passId, Instant expiredAt, long ledgerRows) {
        return new CreditTxId(
                PREFIX + "expired:" + passId.value() + ":" + expiredAt.getEpochSecond() + ":" + ledgerRows);
    }

    /**
     * An admin's adjustment of one customer's balance; the key is the client's adjustment id (or Idempotency-Key),
     * so a double click or a retry finds the adjustment applied (decision 027).
     */
    public static CreditTxId adjustment(PassId passId, String adjustmentKey) {
        return new CreditTxId(PREFIX + "adjust:" + passId.value() + ":" + adjustmentKey);
    }

    /** A reconciliation correction, keyed by the customer's ledger row count when it was written. */
    public static CreditTxId correction(PassId passId, long ledgerRows) {
        return new CreditTxId(PREFIX + "reconcile:" + passId.value() + ":" + ledgerRows);
    }

    @Override
    public String toString() {
        return value;
    }
}
