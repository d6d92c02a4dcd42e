package me.minav3.mma.credits;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/**
 * One credit movement to post: its ledger row and the balance change commit together or not at all.
 *
 * @param newExpiry for grants, the expiry this grant earns; the stored expiry only ever moves later. Null keeps it.
 * @param note      free text for people ({@code --reason}); never used by a rule
 */
public record CreditEntry(
        CreditTxId id,
        PassId passId,
        long delta,
        CreditReason reason,
        String source,
        @Nullable String refType,
        @Nullable String refId,
        @Nullable String note,
        @Nullable Instant newExpiry,
        Instant at,
        Map<String, Object> meta) {

    public CreditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        if (delta == 0 || Math.abs(delta) > Matcha.MAX) {
            throw new IllegalArgumentException(
                    "a credit movement is a non-zero amount up to " + Matcha.MAX + ", was " + delta);
        }
        if (newExpiry != null && delta < 0) {
            throw new IllegalArgumentException("only credits that are added can set an expiry");
        }
        meta = Json.copy(meta);
    }

    /** The charge of a generation ({@code credit_transaction:gen:<id>}): the same generation always gets the same id. */
    public static CreditEntry charge(PassId passId, GenerationId generation, Matcha cost, Instant at) {
        return new CreditEntry(
                CreditTxId.charge(generation),
                passId,
                -cost.amount(),
                CreditReason.GENERATION,
                "mma",
                "generation",
                generation.mgId(),
                null,
                null,
                at,
                Json.obj());
    }

    /** One matcha into the edit-tool pool, paid by the tool run {@code generation} ({@code credit_transaction:pool:<id>}). */
    public static CreditEntry toolPool(PassId passId, GenerationId generation, Instant at) {
        return new CreditEntry(
                CreditTxId.toolPool(generation),
                passId,
                -1,
                CreditReason.TOOL_POOL,
                "mma",
                "generation",
                generation.mgId(),
                null,
                null,
                at,
                Json.obj());
    }

    /** The price of block {@code block} of "Type for me" uses ({@code credit_transaction:suggest:<pass id>:<block>}). */
    public static CreditEntry suggestions(PassId passId, long block, Matcha price, Instant at) {
        return new CreditEntry(
                CreditTxId.suggestions(passId, block),
                passId,
                -price.amount(),
                CreditReason.SUGGESTION,
                "mma",
                "suggestion",
                Long.toString(block),
                null,
                null,
                at,
                Json.obj());
    }

    /** Gives a failed generation's charge back ({@code credit_transaction:refund:<id>}), at most once. */
    public static CreditEntry refund(
            PassId passId, GenerationId generation, Matcha cost, @Nullable String why, Instant at) {
        return new CreditEntry(
                CreditTxId.refund(generation),
                passId,
                cost.amount(),
                CreditReason.REFUND,
                "mma",
                "generation",
                generation.mgId(),
                why,
                null,
                at,
                Json.obj());
    }

    /**
     * Takes an expired balance of {@code credits} to zero. {@code ledgerRows} is the customer's number of credit rows
     * now, so a later expiry of the same customer gets a new id ({@link CreditTxId#expiry}).
     */
    public static CreditEntry expiry(PassId passId, long credits, Instant expiredAt, long ledgerRows, Instant now) {
        return new CreditEntry(
                CreditTxId.expiry(passId, expiredAt, ledgerRows),
                passId,
                -credits,
                CreditReason.EXPIRED,
                "system",
                null,
                null,
                null,
                null,
                now,
                Json.obj("expired_at", expiredAt.toString()));
    }

    /**
     * The correcting row of a reconciliation: its delta makes the ledger sum equal the balance again (the balance
     * itself is not touched). Keyed by the customer's ledger row count ({@link CreditTxId#correction}).
     */
    public static CreditEntry correction(
            PassId passId, long balance, long ledgerSum, long ledgerRows, String source, Instant at) {
        return new CreditEntry(
                CreditTxId.correction(passId, ledgerRows),
                passId,
                balance - ledgerSum,
                CreditReason.RECONCILE,
                source,
                null,
                null,
                "reconcile: ledger sum " + ledgerSum + " corrected to balance " + balance,
                null,
                at,
                Json.obj("balance", balance, "ledger_sum_before", ledgerSum));
    }
}
