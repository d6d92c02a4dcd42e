package me.minav3.mma.shopify;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditTxId;
import org.jspecify.annotations.Nullable;

/** What applying a Shopify order did: matcha credited (now or by an earlier delivery), or nothing, and why. */
public sealed interface OrderOutcome {

    long orderId();

    /** Why candidates for the owner were passed over (an ignored {@code mina_pass_id}, …). */
    List<String> notes();

    /** One pack line and its credit. {@code newlyApplied} is false when an earlier delivery credited it. */
    record CreditedLine(
            long lineItemId,
            @Nullable String sku,
            int quantity,
            long unitMatcha,
            long matcha,
            CreditTxId creditId,
            boolean newlyApplied) {}

    /**
     * The order's pack lines are credited to {@code passId}.
     *
     * @param rule          which owner rule chose the pass id ({@code note_attribute}, {@code shopify_customer}, …)
     * @param ignoredLines  line items that are not packs
     * @param total         matcha all pack lines are worth
     * @param newlyCredited matcha this delivery added (0 for a replay)
     * @param tagging       the {@code Mina-users} tagging, finishing after the credit (never undoes it)
     */
    record Credited(
            long orderId,
            PassId passId,
            String rule,
            List<CreditedLine> lines,
            List<ShopifyOrder.LineItem> ignoredLines,
            long total,
            long newlyCredited,
            long balance,
            @Nullable Instant expiresAt,
            List<String> notes,
            CompletableFuture<TagOutcome> tagging)
            implements OrderOutcome {
        public Credited {
            lines = List.copyOf(lines);
            ignoredLines = List.copyOf(ignoredLines);
            notes = List.copyOf(notes);
        }

        /** Every line had been credited before: a replayed or duplicate delivery. */
        public boolean alreadyCredited() {
            return lines.stream().noneMatch(CreditedLine::newlyApplied);
        }
    }

    /** Why an order credits nothing. */
    enum Reason {
        /** No line item is a matcha pack (acknowledged and recorded). */
        NO_PACK_LINES,
        /** Not paid yet ({@code orders/create} for a pending payment); {@code orders/paid} credits it later. */
        NOT_PAID,
        /** A test order while {@code mma.shopify.credit_test_orders} is false. */
        TEST_ORDER,
        /** No customer id, no email and no usable {@code mina_pass_id}: nobody it may be credited to. */
        NO_OWNER;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Acknowledged and recorded in the audit; no matcha moved. */
    record NothingCredited(long orderId, Reason reason, String detail, List<String> notes) implements OrderOutcome {
        public NothingCredited {
            notes = List.copyOf(notes);
        }
    }
}
