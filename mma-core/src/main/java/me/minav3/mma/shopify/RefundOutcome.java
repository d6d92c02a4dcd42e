package me.minav3.mma.shopify;

import java.util.List;
import java.util.Locale;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.TakeBackRecord;
import org.jspecify.annotations.Nullable;

/**
 * What applying a Shopify refund did (decision 029): per refunded line, what was owed, taken back and not taken back
 * (spent already), or that the ledger never credited the line.
 *
 * @param passId  the customer the order's pack lines were credited to; null when none of the lines was
 * @param balance that customer's balance afterwards; null with no customer
 */
public record RefundOutcome(
        long refundId,
        long orderId,
        Status status,
        @Nullable PassId passId,
        List<Line> lines,
        @Nullable Long balance) {

    /** The refund as a whole. */
    public enum Status {
        /** This delivery recorded the refund (and took back what it could). */
        APPLIED,
        /** An earlier delivery did; nothing changed. */
        ALREADY_APPLIED,
        /** No refunded line is a line our ledger credited: nothing to take back (recorded in the audit). */
        NOT_CREDITED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One refunded line: {@code record} is null when the ledger never credited the line (not a pack, or an order we
     * never credited): it is recorded in the audit, never guessed from its SKU.
     */
    public record Line(ShopifyRefund.Line line, @Nullable TakeBackRecord record, boolean newlyApplied) {

        public String status() {
            return record == null ? "not_credited" : record.status().wire();
        }

        public long owed() {
            return record == null ? 0 : record.owed();
        }

        public long taken() {
            return record == null ? 0 : record.taken();
        }

        public long notTakenBack() {
            return record == null ? 0 : record.notTakenBack();
        }
    }

    public RefundOutcome {
        lines = List.copyOf(lines);
    }

    public long owed() {
        return lines.stream().mapToLong(Line::owed).sum();
    }

    public long taken() {
        return lines.stream().mapToLong(Line::taken).sum();
    }

    public long notTakenBack() {
        return lines.stream().mapToLong(Line::notTakenBack).sum();
    }
}
