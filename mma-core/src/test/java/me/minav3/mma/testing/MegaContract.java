package me.minav3.mma.testing;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocumentCodec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every contract over the MEGA tables shares: one set of stores per test class (run against the in-memory fake
 * and PostgreSQL), a common clock start, and a customer holding matcha.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class MegaContract {

    protected static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    protected MegaStores stores;

    /** Fresh stores for this test class (tests use their own pass ids, so they may share them). */
    protected abstract MegaStores newStores();

    @BeforeAll
    void createStores() {
        stores = newStores();
    }

    /** A new customer holding {@code credits} matcha. */
    protected PassId customerWith(long credits) {
        PassId passId = PassId.user("g-" + UUID.randomUUID().toString().substring(0, 13));
        stores.credits()
                .post(new CreditEntry(
                        CreditTxId.grant(UUID.randomUUID().toString()),
                        passId,
                        credits,
                        CreditReason.GRANT,
                        "test",
                        null,
                        null,
                        null,
                        null,
                        T0,
                        Json.obj()));
        return passId;
    }

    /** A generation document as stored (sections given, the rest absent). */
    protected static GenerationDocument doc(Map<String, Object> vars) {
        return GenerationDocumentCodec.decode(vars);
    }

    protected static GenerationId newId() {
        return new GenerationId(UUID.randomUUID().toString());
    }
}
