package me.minav3.mma.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import me.minav3.mma.common.PassId;
import me.minav3.mma.credits.CreditReason;
import me.minav3.mma.credits.CreditTransaction;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.shopify.OrderOutcome.CreditedLine;
import me.minav3.mma.shopify.OrderOutcome.Reason;
import org.junit.jupiter.api.Test;

class ApplyShopifyOrderTest {

    private final ShopifyFixture shop = new ShopifyFixture();
    private static final PassId CUSTOMER_555 = PassId.shopify(555);

    @Test
    void creditsEveryPackLineTimesItsQuantityAndIgnoresOtherSkus() {
        var outcome = shop.credited(Orders.paid(1001)
                .customer(555)
                .email("ada@example.com")
                .line(11, "MINA-50", 4)
                .line(12, "MINA-100", 1)
                .line(13, "TOTE-BAG", 2)
                .line(14, null, 1)
                .build());

        assertThat(outcome.passId()).isEqualTo(CUSTOMER_555);
        assertThat(outcome.lines())
                .extracting(CreditedLine::lineItemId, CreditedLine::matcha, CreditedLine::newlyApplied)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(11L, 200L, true),
                        org.assertj.core.groups.Tuple.tuple(12L, 100L, true));
        assertThat(outcome.ignoredLines()).extracting(ShopifyOrder.LineItem::id).containsExactly(13L, 14L);
        assertThat(outcome.total()).isEqualTo(300);
        assertThat(outcome.newlyCredited()).isEqualTo(300);
        assertThat(outcome.balance()).isEqualTo(300);
        assertThat(shop.mega.history(CUSTOMER_555, 10))
                .extracting(t -> t.id().value(), CreditTransaction::delta, CreditTransaction::reason)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                "credit_transaction:shopify:1001:11", 200L, CreditReason.PURCHASE),
                        org.assertj.core.groups.Tuple.tuple(
                                "credit_transaction:shopify:1001:12", 100L, CreditReason.PURCHASE));
        assertThat(shop.mega.drifts()).isEmpty();
    }

    @Test
    void theLedgerRowsSayWhichOrderLineAndDeliveryTheyCameFrom() {
        shop.apply.apply(
                Orders.paid(1001).customer(555).line(11, "MINA-50", 4).build(),
                Delivery.webhook("orders/paid", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "evt-9"));

        CreditTransaction row = shop.mega.history(CUSTOMER_555, 1).get(0);
        assertThat(row.source()).isEqualTo("shopify");
        assertThat(row.refType()).isEqualTo("shopify_order");
        assertThat(row.refId()).isEqualTo("1001");
        assertThat(row.note()).isEqualTo("MINA-50 × 4 (Shopify order 1001)");
        assertThat(row.meta())
                .containsEntry("line_item_id", 11L)
                .containsEntry("quantity", 4)
                .containsEntry("unit_matcha", 50L)
                .containsEntry("topic", "orders/paid")
                .containsEntry("webhook_id", "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043")
                .containsEntry("event_id", "evt-9")
                .containsEntry("owner_rule", "new_shopify_customer");
    }

    @Test
    void orderCreateThenOrderPaidThenARetryCreditOnce() {
        ShopifyOrder order = Orders.paid(1001)
                .customer(555)
                .line(11, "MINA-50", 4)
                .line(12, "MINA-30", 1)
                .build();

        var first = (OrderOutcome.Credited) shop.apply.apply(order, Delivery.webhook("orders/create", "wh-1", "e-1"));
        var second = (OrderOutcome.Credited) shop.apply.apply(order, Delivery.webhook("orders/paid", "wh-2", "e-2"));
        var retry = (OrderOutcome.Credited) shop.apply.apply(order, Delivery.webhook("orders/paid", "wh-2", "e-2"));

        assertThat(first.newlyCredited()).isEqualTo(230);
        assertThat(second.alreadyCredited()).isTrue();
        assertThat(second.newlyCredited()).isZero();
        assertThat(retry.balance()).isEqualTo(230);
        assertThat(shop.mega.history(CUSTOMER_555, 10)).hasSize(2);
        assertThat(shop.audits("shopify.order"))
                .allSatisfy(a -> assertThat(a.detail()).containsEntry("shopify_customer_id", 555L));
        assertThat(shop.audits("shopify.order"))
                .extracting(a -> a.detail().get("outcome"))
                .as("replays of a credited order share one row")
                .containsExactlyInAnyOrder("credited", "already_credited");
    }

    @Test
    void theFirstDeliveryIsAuditedAsCreditedAndEveryReplayAsAlreadyCreditedInOneRow() {
        ShopifyOrder order = Orders.paid(1001)
                .customer(555)
                .line(11, "MINA-50", 4)
                .line(12, "TOTE-BAG", 1)
                .build();

        var first = (OrderOutcome.Credited) shop.apply.apply(order, Delivery.webhook("orders/create", "wh-1", "e-1"));
        var credited = shop.audits("shopify.order");
        shop.apply.apply(order, Delivery.webhook("orders/paid", "wh-2", "e-2"));
        shop.apply.apply(order, Delivery.webhook("orders/paid", "wh-3", "e-3"));

        assertThat(first.alreadyCredited()).isFalse();
        assertThat(credited).singleElement().satisfies(a -> {
            assertThat(a.id()).doesNotContain("already_credited");
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.detail())
                    .containsEntry("outcome", "credited")
                    .containsEntry("newly_credited", 200L)
                    .containsEntry("ignored_line_items", List.of(12L));
            assertThat(a.detail().get("lines"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .singleElement()
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("line_item_id", 11L)
                    .containsEntry("matcha", 200L)
                    .containsEntry("credit_id", "credit_transaction:shopify:1001:11")
                    .containsEntry("newly_applied", true);
        });
        assertThat(shop.audits("shopify.order"))
                .hasSize(2)
                .filteredOn(a -> !credited.contains(a))
                .singleElement()
                .satisfies(a -> {
                    assertThat(a.id()).isEqualTo("admin_audit:shopify.order:1001:already_credited");
                    assertThat(a.status()).isEqualTo(208);
                    assertThat(a.detail())
                            .containsEntry("outcome", "already_credited")
                            .containsEntry("newly_credited", 0L)
                            .containsEntry("total", 200L);
                });
    }

    @Test
    void anOrderCreditingNothingRecordsItsLineItemsInTheAuditRow() {
        shop.paid(Orders.paid(1002).customer(555).line(21, "TOTE-BAG", 3).build());

        assertThat(shop.audits("shopify.order")).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(202);
            assertThat(a.detail().get("line_items"))
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                    .singleElement()
                    .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("line_item_id", 21L)
                    .containsEntry("sku", "TOTE-BAG")
                    .containsEntry("quantity", 3);
        });
    }

    @Test
    void aSignedBodyThatIsNotAnOrderIsAuditedOncePerBodyAndCreditsNobody() {
        String sha = "ab".repeat(32);
        shop.apply.acknowledgeNotAnOrder(Delivery.webhook("orders/paid", "wh-9", null), "not JSON", sha, 7);
        shop.apply.acknowledgeNotAnOrder(Delivery.webhook("orders/paid", "wh-9", null), "not JSON", sha, 7);

        assertThat(shop.audits("shopify.order")).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("admin_audit:shopify.order:not_an_order:" + sha);
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.detail())
                    .containsEntry("outcome", "not_an_order")
                    .containsEntry("body_bytes", 7)
                    .containsEntry("webhook_id", "wh-9");
        });
        assertThat(shop.mega.drifts()).isEmpty();
        assertThat(shop.mega.find(CUSTOMER_555)).isEmpty();
    }

    @Test
    void fiftyConcurrentDeliveriesCreditOnce() throws Exception {
        ShopifyOrder order = Orders.paid(1001)
                .customer(555)
                .line(11, "MINA-50", 4)
                .line(12, "MINA-100", 2)
                .build();
        List<Callable<OrderOutcome>> deliveries = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            deliveries.add(() -> shop.paid(order));
        }
        List<OrderOutcome> outcomes = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(16)) {
            for (var future : pool.invokeAll(deliveries)) {
                outcomes.add(future.get());
            }
        }

        assertThat(outcomes).allSatisfy(o -> assertThat(o).isInstanceOf(OrderOutcome.Credited.class));
        assertThat(outcomes.stream()
                        .mapToLong(o -> ((OrderOutcome.Credited) o).newlyCredited())
                        .sum())
                .isEqualTo(400);
        assertThat(shop.balances.of(CUSTOMER_555).credits()).isEqualTo(400);
        assertThat(shop.mega.history(CUSTOMER_555, 100)).hasSize(2);
        assertThat(shop.mega.drifts()).isEmpty();
    }

    @Test
    void anOrderWithoutAPackLineIsAcknowledgedRecordedOnceAndCreditsNobody() {
        ShopifyOrder order =
                Orders.paid(1002).customer(555).line(21, "TOTE-BAG", 1).build();

        OrderOutcome first = shop.paid(order);
        shop.paid(order);

        assertThat(first)
                .isInstanceOfSatisfying(
                        OrderOutcome.NothingCredited.class,
                        n -> assertThat(n.reason()).isEqualTo(Reason.NO_PACK_LINES));
        assertThat(shop.mega.find(CUSTOMER_555)).isEmpty();
        assertThat(shop.audits("shopify.order")).singleElement().satisfies(a -> {
            assertThat(a.id()).isEqualTo("admin_audit:shopify.order:1002:no_pack_lines");
            assertThat(a.detail()).containsEntry("outcome", "no_pack_lines").containsEntry("order_id", 1002L);
        });
        assertThat(shop.shop.calls).isEmpty();
    }

    @Test
    void anUnpaidOrderCreditsNothingUntilItIsPaid() {
        var pending = Orders.paid(1003).customer(555).line(31, "MINA-50", 1).status("pending");

        assertThat(shop.apply.apply(pending.build(), Delivery.webhook("orders/create", "wh-1", null)))
                .isInstanceOfSatisfying(
                        OrderOutcome.NothingCredited.class,
                        n -> assertThat(n.reason()).isEqualTo(Reason.NOT_PAID));
        assertThat(shop.mega.find(CUSTOMER_555)).isEmpty();

        assertThat(shop.credited(pending.status("paid").build()).newlyCredited())
                .isEqualTo(50);
    }

    @Test
    void aLineWorthMoreMatchaThanABalanceMayHoldIsRefusedBeforeAnythingIsWritten() {
        ShopifyOrder absurd =
                Orders.paid(1004).customer(555).line(41, "MINA-1000000", 5000).build();

        assertThatThrownBy(() -> shop.paid(absurd))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("line item 41");
        assertThat(shop.mega.allCredits()).isEmpty();
    }

    // ---- whose matcha: the owner rules ---------------------------------------------------------------------

    @Test
    void theCheckoutLinksPassIdWinsButLearnsNothingAboutTheBuyer() {
        PassId alice = PassId.user("alice");
        shop.mega.ensure(alice, CustomerProfile.NONE, shop.clock.now());

        var outcome = shop.credited(Orders.paid(1010)
                .customer(555)
                .email("buyer@example.com")
                .passId(alice.value())
                .line(11, "MINA-50", 1)
                .build());

        assertThat(outcome.passId()).isEqualTo(alice);
        assertThat(outcome.rule()).isEqualTo("note_attribute");
        var stored = shop.mega.find(alice).orElseThrow();
        assertThat(stored.email())
                .as("a note names a customer, it never attaches the buyer's email")
                .isNull();
        assertThat(stored.shopifyCustomerId()).isNull();
        assertThat(shop.mega.find(CUSTOMER_555)).isEmpty();
    }

    @Test
    void anAnonymousMalformedOrUnknownPassIdInTheNoteIsIgnoredAndTheNextRuleApplies() {
        String[] notes = {
            "pass:anon:0f8fad5b-d9cb-469f-a165-70867728950e",
            "pass:user:",
            "pass:shopify:0",
            "hello",
            "pass:user:nobody-by-that-name"
        };
        String[] why = {
            "anonymous ids are never credited", "not a pass id", "not a pass id", "not a pass id", "no such customer"
        };
        for (int i = 0; i < notes.length; i++) {
            var outcome = shop.credited(Orders.paid(1020 + i)
                    .customer(555)
                    .passId(notes[i])
                    .line(11 + i, "MINA-10", 1)
                    .build());

            assertThat(outcome.passId()).as(notes[i]).isEqualTo(CUSTOMER_555);
            assertThat(outcome.notes()).singleElement().asString().contains(why[i]);
        }
        assertThat(shop.mega.list(null, 100))
                .extracting(c -> c.passId().value())
                .containsExactly("pass:shopify:555");
    }

    @Test
    void anExistingShopifyCustomerIsCreditedByItsCustomerId() {
        shop.credited(Orders.paid(1030).customer(555).line(11, "MINA-10", 1).build());

        var again = shop.credited(Orders.paid(1031)
                .customer(555)
                .email("other@example.com")
                .line(12, "MINA-10", 1)
                .build());

        assertThat(again.rule()).isEqualTo("shopify_customer");
        assertThat(again.balance()).isEqualTo(20);
    }

    @Test
    void aCustomerLinkedToTheShopifyIdIsCreditedEvenUnderAnotherPassId() {
        PassId bob = PassId.user("bob");
        shop.mega.ensure(bob, new CustomerProfile("bob@example.com", "bob", 555L), shop.clock.now());

        var outcome = shop.credited(
                Orders.paid(1040).customer(555).line(11, "MINA-10", 3).build());

        assertThat(outcome.passId()).isEqualTo(bob);
        assertThat(outcome.rule()).isEqualTo("linked_customer");
        assertThat(shop.mega.find(CUSTOMER_555)).isEmpty();
    }

    @Test
    void theOrdersEmailFindsAnExistingCustomerWhoseAccountItDoesNotChange() {
        PassId carol = PassId.user("carol");
        shop.mega.ensure(carol, CustomerProfile.ofEmail("carol@example.com"), shop.clock.now());

        var outcome = shop.credited(Orders.paid(1050)
                .customer(777)
                .email("Carol@Example.com")
                .line(11, "MINA-50", 1)
                .build());

        assertThat(outcome.passId()).isEqualTo(carol);
        assertThat(outcome.rule()).isEqualTo("email_match");
        assertThat(shop.mega.find(carol).orElseThrow().shopifyCustomerId()).isNull();
        assertThat(shop.mega.find(PassId.shopify(777))).isEmpty();
    }

    @Test
    void aNewShopifyBuyerBecomesPassShopifyWithTheirEmailAndCustomerIdRecorded() {
        var outcome = shop.credited(Orders.paid(1060)
                .customer(555)
                .email("dan@example.com")
                .line(11, "MINA-50", 1)
                .build());

        assertThat(outcome.rule()).isEqualTo("new_shopify_customer");
        var stored = shop.mega.find(CUSTOMER_555).orElseThrow();
        assertThat(stored.email()).isEqualTo("dan@example.com");
        assertThat(stored.shopifyCustomerId()).isEqualTo(555L);
    }

    @Test
    void aGuestWithAnEmailGetsTheSameDerivedUserIdOnEveryOrderAndASignInCanFindIt() {
        var first = shop.credited(Orders.paid(1070)
                .email("Guest@Example.com")
                .line(11, "MINA-50", 1)
                .build());
        var second = shop.credited(Orders.paid(1071)
                .email("guest@example.com")
                .line(12, "MINA-10", 1)
                .build());

        assertThat(first.passId().kind()).isEqualTo(PassId.Kind.USER);
        assertThat(first.passId()).isEqualTo(OrderOwner.guestPassId("guest@example.com"));
        assertThat(first.rule()).isEqualTo("guest_email");
        assertThat(second.passId()).isEqualTo(first.passId());
        assertThat(second.rule()).isEqualTo("email_match");
        assertThat(second.balance()).isEqualTo(60);
        assertThat(shop.mega.findByEmail("guest@example.com").orElseThrow().passId())
                .isEqualTo(first.passId());
        assertThat(first.tagging()).isCompletedWithValueMatching(t -> t.status() == TagOutcome.Status.NOT_NEEDED);
        assertThat(shop.shop.calls).isEmpty();
    }

    @Test
    void aGuestWithNoIdentityAtAllIsNeverCreditedToAnAnonymousId() {
        OrderOutcome outcome = shop.paid(Orders.paid(1080)
                .passId("pass:anon:0f8fad5b-d9cb-469f-a165-70867728950e")
                .line(11, "MINA-50", 2)
                .build());

        assertThat(outcome).isInstanceOfSatisfying(OrderOutcome.NothingCredited.class, n -> {
            assertThat(n.reason()).isEqualTo(Reason.NO_OWNER);
            assertThat(n.notes()).hasSize(2);
        });
        assertThat(shop.mega.list(null, 10)).isEmpty();
        assertThat(shop.mega.allCredits()).isEmpty();
        assertThat(shop.audits("shopify.order"))
                .singleElement()
                .satisfies(a -> assertThat(a.detail()).containsEntry("outcome", "no_owner"));
    }

    // ---- test orders and tagging ---------------------------------------------------------------------------

    @Test
    void aTestOrderBuysTestMatchaThatExpireThirtyDaysAfterSignUp() {
        var signUp = shop.clock.now();
        shop.mega.ensure(CUSTOMER_555, CustomerProfile.NONE, signUp);
        shop.clock.advance(java.time.Duration.ofDays(10));

        var outcome = shop.credited(
                Orders.paid(1090).customer(555).test().line(11, "MINA-50", 1).build());

        assertThat(outcome.expiresAt()).isEqualTo(signUp.plus(java.time.Duration.ofDays(30)));
        assertThat(shop.mega.history(CUSTOMER_555, 1).get(0).reason()).isEqualTo(CreditReason.GRANT);
    }

    @Test
    void testOrdersCanBeLeftUncredited() {
        shop.config = ShopifyConfig.from(me.minav3.mma.common.Json.obj("credit_test_orders", false));

        assertThat(shop.paid(Orders.paid(1091)
                        .customer(555)
                        .test()
                        .line(11, "MINA-50", 1)
                        .build()))
                .isInstanceOfSatisfying(
                        OrderOutcome.NothingCredited.class,
                        n -> assertThat(n.reason()).isEqualTo(Reason.TEST_ORDER));
    }

    @Test
    void theBuyerIsTaggedAfterTheCreditAndTheAuditSaysSo() {
        var outcome = shop.credited(
                Orders.paid(1100).customer(555).line(11, "MINA-50", 1).build());

        assertThat(shop.shop.calls).containsExactly(new ScriptedCommerce.Call(555, List.of("Mina-users")));
        assertThat(outcome.tagging()).isCompletedWithValueMatching(t -> t.status() == TagOutcome.Status.TAGGED);
        assertThat(shop.audits("shopify.tag")).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(200);
            assertThat(a.detail())
                    .containsEntry("outcome", "tagged")
                    .containsEntry("customer_id", 555L)
                    .containsEntry("order_id", 1100L)
                    .containsEntry("tag", "Mina-users")
                    .containsEntry("provider", "shopify");
        });
    }

    @Test
    void aTaggingFailureNeverUndoesTheCreditAndIsInTheAudit() {
        shop.shop.failAlways(new me.minav3.mma.error.ProviderFailure(
                "shopify",
                me.minav3.mma.error.ProviderFailure.Kind.AUTH,
                "HTTP 401: Invalid API key or access token",
                null));

        var outcome = shop.credited(
                Orders.paid(1110).customer(555).line(11, "MINA-50", 2).build());

        assertThat(outcome.newlyCredited()).isEqualTo(100);
        assertThat(shop.balances.of(CUSTOMER_555).credits()).isEqualTo(100);
        assertThat(outcome.tagging())
                .isCompletedWithValueMatching(
                        t -> t.status() == TagOutcome.Status.FAILED && t.error().startsWith("auth: HTTP 401"));
        assertThat(shop.audits("shopify.tag")).singleElement().satisfies(a -> {
            assertThat(a.status()).isEqualTo(502);
            assertThat(a.detail()).containsEntry("outcome", "failed").containsEntry("attempts", 1);
        });
    }

    @Test
    void aCustomConfiguredTagIsUsed() {
        shop.config = ShopifyConfig.from(me.minav3.mma.common.Json.obj("customer_tag", "Matcha-buyers"));

        shop.credited(Orders.paid(1120).customer(555).line(11, "MINA-50", 1).build());

        assertThat(shop.shop.calls).containsExactly(new ScriptedCommerce.Call(555, List.of("Matcha-buyers")));
    }
}
