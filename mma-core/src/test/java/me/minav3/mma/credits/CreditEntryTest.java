package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import org.junit.jupiter.api.Test;

/** The credit movements the ledger's own rules write: each by its deterministic id, so a replay is recognised. */
class CreditEntryTest {

    private static final PassId ALICE = PassId.user("alice");
    private static final GenerationId GENERATION = new GenerationId("abc");
    private static final Instant AT = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aGenerationsChargeAndRefundCancelOutUnderTheirOwnIds() {
        CreditEntry charge = CreditEntry.charge(ALICE, GENERATION, Matcha.of(2), AT);
        CreditEntry refund = CreditEntry.refund(ALICE, GENERATION, Matcha.of(2), "provider failed", AT);

        assertThat(charge.id().value()).isEqualTo("credit_transaction:gen:abc");
        assertThat(charge.delta()).isEqualTo(-2);
        assertThat(charge.reason()).isEqualTo(CreditReason.GENERATION);
        assertThat(refund.id().value()).isEqualTo("credit_transaction:refund:abc");
        assertThat(refund.delta()).isEqualTo(2);
        assertThat(refund.reason()).isEqualTo(CreditReason.REFUND);
        assertThat(refund.note()).isEqualTo("provider failed");
        assertThat(refund.refId()).isEqualTo(charge.refId()).isEqualTo("generation:abc");
    }

    @Test
    void anExpiryTakesTheWholeBalanceAndACorrectionClosesTheDrift() {
        Instant expiredAt = AT.minusSeconds(60);
        CreditEntry expiry = CreditEntry.expiry(ALICE, 4, expiredAt, 3, AT);
        CreditEntry correction = CreditEntry.correction(ALICE, 13, 10, 2, "admin", AT);

        assertThat(expiry.id()).isEqualTo(CreditTxId.expiry(ALICE, expiredAt, 3));
        assertThat(expiry.delta()).isEqualTo(-4);
        assertThat(expiry.meta()).containsEntry("expired_at", expiredAt.toString());
        assertThat(correction.id()).isEqualTo(CreditTxId.correction(ALICE, 2));
        assertThat(correction.delta()).isEqualTo(3);
        assertThat(correction.reason()).isEqualTo(CreditReason.RECONCILE);
        assertThat(correction.meta()).containsEntry("balance", 13L).containsEntry("ledger_sum_before", 10L);
    }

    @Test
    void aBlockOfSuggestionsIsADebitUnderItsOwnId() {
        CreditEntry price = CreditEntry.suggestions(ALICE, 3, Matcha.of(2), AT);

        assertThat(price.id().value()).isEqualTo("credit_transaction:suggest:pass:user:alice:3");
        assertThat(price.id()).hasToString("credit_transaction:suggest:pass:user:alice:3");
        assertThat(price.delta()).isEqualTo(-2);
        assertThat(price.reason()).isEqualTo(CreditReason.SUGGESTION);
    }

    @Test
    void everyReasonHasAWireNameThatReadsBack() {
        assertThat(CreditReason.PURCHASE.wire()).isEqualTo("purchase");
        for (CreditReason reason : CreditReason.values()) {
            assertThat(CreditReason.fromWire(reason.wire())).isEqualTo(reason);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CreditReason.fromWire("gift"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gift");
    }
}
