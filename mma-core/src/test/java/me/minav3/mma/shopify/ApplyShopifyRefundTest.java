package me.minav3.mma.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditEntry;
import me.minav3.mma.credits.CreditOutcome;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.credits.CreditTxId;
import me.minav3.mma.customers.CustomerProfile;
import org.junit.jupiter.api.Test;

/** Issue 20.2: a Shopify refund takes back its pack lines' matcha once, never below zero (decision 029). */
class ApplyShopifyRefundTest {

    private final ShopifyFixture shop = new ShopifyFixture();
    private static final PassId CUSTOMER_555 = PassId.shopify(555);

    private void spend(PassId passId, long matcha) {
        assertThat(shop.mega.post(CreditEntry.charge(
                        passId, new GenerationId(UUID.randomUUID().toString()), Matcha.of(matcha), shop.clock.now())))
                .isInstanceOf(CreditOutcome.Applied.class);
    }

    private long balance(PassId passId) {
        return shop.mega.find(passId).orElseThrow().credits();
    }

    private long ledgerSum(PassId passId) {
        return shop.mega.history(passId, 1000).stream()
                .mapToLong(CreditTransaction::delta)
                .sum();
    }

    private static ShopifyRefund refund(long id, long orderId, ShopifyRefund.Line... lines) {
        return new ShopifyRefund(id, orderId, List.of(lines), null);
    }

    private static ShopifyRefund.Line line(long id, long lineItemId, int quantity) {
        return new ShopifyRefund.Line(id, lineItemId, quantity, "MINA-50");
    }

    @Test
    void boughtFiftySpentFortyFiveRefundedFiftyTakesBackFiveAndRecordsFortyFiveAsNotTakenBack() {
        shop.paid(Orders.paid(1001).customer(555).line(11, "MINA-50", 1).build());
        spend(CUSTOMER_555, 45);

        RefundOutcome outcome = shop.refunded(refund(9001, 1001, line(71, 11, 1)));

        assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.APPLIED);
        assertThat(outcome.passId()).isEqualTo(CUSTOMER_555);
        assertThat(outcome.owed()).isEqualTo(50);
        assertThat(outcome.taken()).isEqualTo(5);
        assertThat(outcome.notTakenBack()).isEqualTo(45);
        assertThat(outcome.balance()).isZero();
        assertThat(outcome.lines()).singleElement().satisfies(l -> {
            assertThat(l.status()).isEqualTo("partly_taken_back");
            assertThat(l.newlyApplied()).isTrue();
        });
        assertThat(balance(CUSTOMER_555)).isZero().isEqualTo(ledgerSum(CUSTOMER_555));
        assertThat(shop.mega.find(CreditTxId.shopifyRefund(9001, 71))).get().satisfies(row -> {
            assertThat(row.delta()).isEqualTo(-5);
            assertThat(row.reason()).isEqualTo(CreditReason.SHOPIFY_REFUND);
            assertThat(row.refId()).isEqualTo("9001");
            assertThat(row.meta()).containsEntry("order_id", 1001L).containsEntry("line_item_id", 11L);
        });
        assertThat(shop.mega.takeBacks(CUSTOMER_555, 10)).singleElement().satisfies(r -> {
            assertThat(r.taken()).isEqualTo(5);
            assertThat(r.notTakenBack()).isEqualTo(45);
            assertThat(r.purchase()).isEqualTo(CreditTxId.shopify(1001, 11));
        });
        assertThat(shop.audits("shopify.refund")).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("admin_audit:shopify.refund:9001");
            assertThat(a.actor()).isEqualTo("shopify");
            assertThat(a.route()).isEqualTo("/api/shopify/refunds");
            assertThat(a.detail())
                    .containsEntry("pass_id", CUSTOMER_555.value())
                    .containsEntry("taken", 5L)
                    .containsEntry("not_taken_back", 45L);
        });
    }

    @Test
    void replaysOfARefundChangeNothingEvenAfterTheCustomerBuysMore() {
        shop.paid(Orders.paid(1002).customer(555).line(21, "MINA-50", 1).build());
        spend(CUSTOMER_555, 45);
        shop.refunded(refund(9002, 1002, line(72, 21, 1)));
        shop.paid(Orders.paid(1003).customer(555).line(31, "MINA-100", 1).build());

        RefundOutcome replay = shop.refunded(refund(9002, 1002, line(72, 21, 1)));
        RefundOutcome again = shop.refunded(refund(9002, 1002, line(72, 21, 1)));

        assertThat(replay.status()).isEqualTo(RefundOutcome.Status.ALREADY_APPLIED);
        assertThat(again.status()).isEqualTo(RefundOutcome.Status.ALREADY_APPLIED);
        assertThat(replay.taken()).isEqualTo(5);
        assertThat(replay.notTakenBack()).isEqualTo(45);
        assertThat(replay.lines()).allSatisfy(l -> assertThat(l.newlyApplied()).isFalse());
        assertThat(balance(CUSTOMER_555)).isEqualTo(100).isEqualTo(ledgerSum(CUSTOMER_555));
        assertThat(shop.mega.takeBacks(CUSTOMER_555, 10)).hasSize(1);
        assertThat(shop.audits("shopify.refund")).hasSize(1);
    }

    @Test
    void twoRefundsOfOneOrderTakeBackEachLineOnceAndNeverMoreThanItBought() {
        shop.paid(Orders.paid(1004)
                .customer(555)
                .line(41, "MINA-50", 2)
                .line(42, "MINA-100", 1)
                .build());
        assertThat(balance(CUSTOMER_555)).isEqualTo(200);

        RefundOutcome first = shop.refunded(refund(9004, 1004, line(81, 41, 1)));
        RefundOutcome second = shop.refunded(refund(9005, 1004, line(82, 41, 1), line(83, 42, 1)));
        RefundOutcome tooMuch = shop.refunded(refund(9006, 1004, line(84, 41, 1)));

        assertThat(first.taken()).isEqualTo(50);
        assertThat(second.lines())
                .extracting(l -> l.line().id(), RefundOutcome.Line::owed, RefundOutcome.Line::taken)
                .containsExactly(tuple(82L, 50L, 50L), tuple(83L, 100L, 100L));
        assertThat(tooMuch.owed()).isZero();
        assertThat(tooMuch.lines())
                .singleElement()
                .satisfies(l -> assertThat(l.status()).isEqualTo("nothing_owed"));
        assertThat(balance(CUSTOMER_555)).isZero().isEqualTo(ledgerSum(CUSTOMER_555));
    }

    @Test
    void theMatchaAreTakenFromTheCustomerTheOrderCreditedNotFromTheBuyersOwnAccount() {
        PassId friend = PassId.user("friend-1");
        shop.mega.ensure(friend, CustomerProfile.NONE, shop.clock.now());
        shop.paid(Orders.paid(1007).customer(555).line(11, "MINA-50", 1).build());
        shop.paid(Orders.paid(1008)
                .customer(555)
                .passId(friend.value())
                .line(51, "MINA-50", 1)
                .build());
        assertThat(balance(friend)).isEqualTo(50);

        RefundOutcome outcome = shop.refunded(refund(9008, 1008, line(85, 51, 1)));

        assertThat(outcome.passId()).isEqualTo(friend);
        assertThat(balance(friend)).isZero();
        assertThat(balance(CUSTOMER_555)).isEqualTo(50);
    }

    @Test
    void aRefundOfAnOrderWeNeverCreditedIsRecordedAndTakesNothing() {
        shop.paid(Orders.paid(1009).customer(555).line(11, "MINA-50", 1).build());

        RefundOutcome outcome = shop.refunded(refund(9009, 4242, line(86, 99, 1)));

        assertThat(outcome.status()).isEqualTo(RefundOutcome.Status.NOT_CREDITED);
        assertThat(outcome.passId()).isNull();
        assertThat(outcome.balance()).isNull();
        assertThat(outcome.lines())
                .singleElement()
                .satisfies(l -> assertThat(l.status()).isEqualTo("not_credited"));
        assertThat(balance(CUSTOMER_555)).isEqualTo(50);
        assertThat(shop.mega.takeBacks(null, 100)).isEmpty();
        assertThat(shop.audits("shopify.refund"))
                .singleElement()
                .satisfies(a -> assertThat(a.detail())
                        .containsEntry("outcome", "not_credited")
                        .containsEntry("order_id", 4242L));
    }

    @Test
    void aRefundedLineTheLedgerNeverCreditedIsRecordedNotGuessedFromItsSku() {
        shop.paid(Orders.paid(1010)
                .customer(555)
                .line(61, "MINA-50", 1)
                .line(62, "TOTE-BAG", 1)
                .build());

        // The tote bag's refund line claims a pack SKU: only what the ledger credited counts.
        RefundOutcome outcome = shop.refunded(refund(
                9010, 1010, new ShopifyRefund.Line(87, 62, 1, "MINA-1000"), new ShopifyRefund.Line(88, 61, 1, null)));

        assertThat(outcome.lines())
                .extracting(l -> l.line().id(), RefundOutcome.Line::status, RefundOutcome.Line::taken)
                .containsExactly(tuple(87L, "not_credited", 0L), tuple(88L, "taken_back", 50L));
        assertThat(balance(CUSTOMER_555)).isZero();
        assertThat(shop.audits("shopify.refund"))
                .singleElement()
                .satisfies(a ->
                        assertThat(a.detail()).extractingByKey("lines").asList().hasSize(2));
    }

    @Test
    void expiredMatchaAreNotTakenBackTheyAreZeroedByTheExpiryFirst() {
        shop.paid(Orders.paid(1011).customer(555).line(11, "MINA-50", 1).build());
        shop.clock.advance(Duration.ofDays(31));

        RefundOutcome outcome = shop.refunded(refund(9011, 1011, line(89, 11, 1)));

        assertThat(outcome.taken()).isZero();
        assertThat(outcome.notTakenBack()).isEqualTo(50);
        assertThat(balance(CUSTOMER_555)).isZero().isEqualTo(ledgerSum(CUSTOMER_555));
        assertThat(shop.mega.history(CUSTOMER_555, 10))
                .extracting(CreditTransaction::reason)
                .contains(CreditReason.EXPIRED);
    }

    @Test
    void aPartialQuantityTakesBackThatManyPacks() {
        shop.paid(Orders.paid(1012).customer(555).line(11, "MINA-50", 4).build());

        RefundOutcome outcome = shop.refunded(refund(9012, 1012, line(90, 11, 3)));

        assertThat(outcome.taken()).isEqualTo(150);
        assertThat(balance(CUSTOMER_555)).isEqualTo(50);
    }
}
