package me.minav3.mma.port;

import java.time.Instant;
import java.util.UUID;
import me.minav3.mma.domain.CreditEntry;
import me.minav3.mma.domain.CreditReason;
import me.minav3.mma.domain.CreditTxId;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.Json;
import me.minav3.mma.domain.PassId;

/** Test data the generation, session and event contracts share. */
final class ContractData {

    private ContractData() {
    }

    /** A new customer holding {@code credits} matcha (granted at {@code at}). */
    static PassId customerWith(Credits ledger, long credits, Instant at) {
        PassId passId = PassId.user("g-" + UUID.randomUUID().toString().substring(0, 13));
        ledger.post(new CreditEntry(CreditTxId.grant(UUID.randomUUID().toString()), passId, credits,
                CreditReason.GRANT, "test", null, null, null, null, at, Json.obj()));
        return passId;
    }

    static GenerationId newId() {
        return new GenerationId(UUID.randomUUID().toString());
    }
}
