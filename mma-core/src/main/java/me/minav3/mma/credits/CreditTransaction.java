package me.minav3.mma.credits;

import java.time.Instant;
import java.util.Map;
import me.minav3.mma.common.PassId;
import org.jspecify.annotations.Nullable;

/** One stored credit ledger row. */
public record CreditTransaction(
        CreditTxId id,
        PassId passId,
        long delta,
        CreditReason reason,
        String source,
        @Nullable String refType,
        @Nullable String refId,
        @Nullable String note,
        Instant createdAt,
        Map<String, Object> meta) {}
