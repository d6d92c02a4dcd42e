package me.minav3.mma.domain;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

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
        String refType,
        String refId,
        String note,
        Instant newExpiry,
        Instant at,
        Map<String, Object> meta) {

    public CreditEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(passId, "pass id");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        if (delta == 0 || Math.abs(delta) > Matcha.MAX) {
            throw new IllegalArgumentException("a credit movement is a non-zero amount up to " + Matcha.MAX + ", was " + delta);
        }
        if (newExpiry != null && delta < 0) {
            throw new IllegalArgumentException("only credits that are added can set an expiry");
        }
        meta = Json.copy(meta);
    }

    /** The charge of a generation ({@code credit_transaction:gen:<id>}): the same generation always gets the same id. */
    public static CreditEntry charge(PassId passId, GenerationId generation, Matcha cost, Instant at) {
        return new CreditEntry(CreditTxId.charge(generation), passId, -cost.amount(), CreditReason.GENERATION, "mma",
                "generation", generation.mgId(), null, null, at, Json.obj());
    }

    /** Gives a failed generation's charge back ({@code credit_transaction:refund:<id>}), at most once. */
    public static CreditEntry refund(PassId passId, GenerationId generation, Matcha cost, String why, Instant at) {
        return new CreditEntry(CreditTxId.refund(generation), passId, cost.amount(), CreditReason.REFUND, "mma",
                "generation", generation.mgId(), why, null, at, Json.obj());
    }
}
