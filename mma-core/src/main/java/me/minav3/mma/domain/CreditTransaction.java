package me.minav3.mma.domain;

import java.time.Instant;
import java.util.Map;

/** One stored credit ledger row. */
public record CreditTransaction(
        CreditTxId id,
        PassId passId,
        long delta,
        CreditReason reason,
        String source,
        String refType,
        String refId,
        String note,
        Instant createdAt,
        Map<String, Object> meta) {
}
