package me.minav3.mma.credits;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;

/**
 * Matcha to take back from a customer because the purchase that bought them was refunded (decision 029): at most
 * {@code requested}, never more than what {@code purchase} bought minus what earlier take-backs of it were owed, and
 * never more than the balance.
 *
 * @param id        the take-back's deterministic id ({@link CreditTxId#shopifyRefund}); one record per id, ever
 * @param purchase  the credit row of the refunded purchase (a Shopify pack line)
 * @param requested matcha the refund asks back (unit value × refunded quantity); 0 records the line, takes nothing
 * @param refId     what the ledger row refers to (the refund id)
 * @param detail    what people need to read the record: refund, order, line, SKU, quantity; no secrets
 */
public record TakeBack(
        CreditTxId id,
        PassId passId,
        CreditTxId purchase,
        long requested,
        String source,
        String refType,
        String refId,
        Instant at,
        Map<String, Object> detail) {

    public TakeBack {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(purchase, "purchase");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(refType, "ref type");
        Objects.requireNonNull(refId, "ref id");
        Objects.requireNonNull(at, "at");
        if (requested < 0 || requested > me.minav3.mma.common.Matcha.MAX) {
            throw new IllegalArgumentException(
                    "a take-back asks for 0 to " + me.minav3.mma.common.Matcha.MAX + " matcha, was " + requested);
        }
        detail = Json.copy(detail);
    }

    /** The record of this take-back once the ledger decided {@code owed} and {@code taken}. */
    public TakeBackRecord decided(long owed, long taken) {
        return new TakeBackRecord(id, passId, purchase, owed, taken, at, detail);
    }

    private Map<String, Object> ledgerMeta() {
        Map<String, Object> meta = new java.util.LinkedHashMap<>(detail);
        meta.put("purchase_id", purchase.value());
        return meta;
    }

    /** The ledger row of what was taken ({@code taken > 0}): a negative movement that never needs a balance check. */
    public CreditEntry entry(long taken) {
        return new CreditEntry(
                id, passId, -taken, CreditReason.SHOPIFY_REFUND, source, refType, refId, null, null, at, ledgerMeta());
    }
}
