package me.minav3.http.shopify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.shopify.ShopifyOrder;
import me.minav3.mma.shopify.ShopifyOrder.LineItem;
import org.junit.jupiter.api.Test;

class ShopifyOrderJsonTest {

    private static ShopifyOrder parse(String json) {
        return ShopifyOrderJson.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsWhatMattersFromARealOrdersPaidPayload() {
        ShopifyOrder order = ShopifyOrderJson.parse(Payloads.bytes(Payloads.PACKS));

        assertThat(order.id()).isEqualTo(5812345678901L);
        assertThat(order.customerId()).isEqualTo(7390123456789L);
        assertThat(order.email()).isEqualTo("ada@example.com");
        assertThat(order.noteAttributes())
                .containsExactlyEntriesOf(java.util.Map.of("gift_message", "enjoy the matcha"));
        assertThat(order.lineItems())
                .containsExactly(
                        new LineItem(14567890123001L, "MINA-50", 4, "Matcha pack"),
                        new LineItem(14567890123002L, "MINA-100", 1, "Matcha pack"),
                        new LineItem(14567890123003L, "MINA-TOTE", 2, "MINAV3 tote bag"));
        assertThat(order.paid()).isTrue();
        assertThat(order.test()).isFalse();
        assertThat(order.processedAt()).isEqualTo(Instant.parse("2026-11-25T09:59:10Z"));
        assertThat(order.createdAt()).isEqualTo(Instant.parse("2026-11-25T09:59:12Z"));
    }

    @Test
    void readsTheNoteAttributeAGuestCheckoutAndALineWithoutSku() {
        assertThat(ShopifyOrderJson.parse(Payloads.bytes(Payloads.NOTE)).noteAttribute("mina_pass_id"))
                .contains("pass:user:alice");

        ShopifyOrder guest = ShopifyOrderJson.parse(Payloads.bytes(Payloads.GUEST));
        assertThat(guest.customerId()).isNull();
        assertThat(guest.email()).isEqualTo("guest.buyer@example.com");

        assertThat(ShopifyOrderJson.parse(Payloads.bytes(Payloads.NO_PACK)).lineItems())
                .extracting(LineItem::sku)
                .containsExactly("MINA-TOTE", null);
    }

    @Test
    void theEmailIsTheCustomersThenTheOrdersThenTheContactEmailWhicheverIsUsable() {
        assertThat(parse("""
                {"id": 1, "customer": {"id": 2, "email": null}, "email": "", "contact_email": "c@example.com"}""").email()).isEqualTo("c@example.com");
        assertThat(parse("""
                {"id": 1, "customer": {"id": 2, "email": "not-an-email"}, "email": "o@example.com"}""").email()).isEqualTo("o@example.com");
        assertThat(parse("""
                {"id": 1, "email": "nope"}""").email()).isNull();
    }

    @Test
    void idsMayArriveAsStringsAndUnknownOrOddFieldsAreIgnored() {
        ShopifyOrder order = parse("""
                {"id": "1001", "customer": {"id": "555"}, "processed_at": "yesterday", "financial_status": "PAID",
                 "note_attributes": [{"name": "mina_pass_id", "value": "pass:user:a"}, {"name": "n", "value": 7}, {"value": "x"}],
                 "line_items": [{"id": 11, "sku": "MINA-50", "quantity": 2}], "whatever": {"deep": [1, 2]}}""");

        assertThat(order.id()).isEqualTo(1001);
        assertThat(order.customerId()).isEqualTo(555L);
        assertThat(order.processedAt()).isNull();
        assertThat(order.paid()).isTrue();
        assertThat(order.noteAttributes()).containsEntry("n", "7").hasSize(2);
        assertThat(order.lineItems())
                .singleElement()
                .satisfies(l -> assertThat(l.title()).isNull());
    }

    @Test
    void anOrderFetchedFromTheAdminApiIsUnwrapped() {
        ShopifyOrder order = parse("{\"order\": " + Payloads.text(Payloads.PACKS) + "}");

        assertThat(order).isEqualTo(ShopifyOrderJson.parse(Payloads.bytes(Payloads.PACKS)));
    }

    @Test
    void whatIsNotAnOrderIsInvalidInput() {
        for (String bad : new String[] {
            "",
            "not json",
            "[]",
            "{\"id\": null}",
            "{\"id\": -5}",
            "{\"id\": 1.5}",
            "{\"id\": 1, \"customer\": {\"id\": 0}}",
            "{\"id\": 1, \"line_items\": {}}",
            "{\"id\": 1, \"line_items\": [{\"id\": 2, \"quantity\": \"two\"}]}",
            "{\"id\": 1, \"line_items\": [{\"id\": 2, \"quantity\": -1}]}",
            "{\"id\": 1, \"line_items\": [{\"sku\": \"MINA-50\", \"quantity\": 1}]}"
        }) {
            assertThatThrownBy(() -> parse(bad)).as(bad).isInstanceOf(InvalidInput.class);
        }
    }
}
