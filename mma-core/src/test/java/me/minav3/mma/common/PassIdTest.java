package me.minav3.mma.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import me.minav3.mma.credits.CreditTxId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PassIdTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pass:shopify:7204591",
                "pass:user:alice",
                "pass:user:8f14e45f-ceea-467a-9a4d-e2d8f6d7b3a1",
                "pass:anon:8f14e45f-ceea-467a-9a4d-e2d8f6d7b3a1"
            })
    void acceptsTheThreeForms(String value) {
        assertThat(PassId.parse(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "pass:shopify:0",
                "pass:shopify:-4",
                "pass:shopify:abc",
                "pass:shopify:",
                "pass:user:",
                "pass:user:../etc",
                "pass:user:a b",
                "pass:anon:not-a-uuid",
                "pass:bob",
                "user:alice",
                "",
                "pass:admin:x"
            })
    void refusesAnythingElse(String value) {
        assertThatThrownBy(() -> PassId.parse(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aShopifyPassIdExistsOnlyForARealCustomerId() {
        assertThat(PassId.shopify("gid://shopify/Customer/123")).contains(PassId.parse("pass:shopify:123"));
        assertThat(PassId.shopify("0")).isEmpty();
        assertThat(PassId.shopify((String) null)).isEmpty();
        assertThat(PassId.shopify("guest")).isEmpty();
    }

    @Test
    void resolutionPrefersShopifyThenUserThenAnonymous() {
        UUID anon = UUID.fromString("8f14e45f-ceea-467a-9a4d-e2d8f6d7b3a1");
        assertThat(PassId.resolve("42", "alice", anon).value()).isEqualTo("pass:shopify:42");
        assertThat(PassId.resolve("0", "alice", anon).value()).isEqualTo("pass:user:alice");
        assertThat(PassId.resolve(null, null, anon).value()).isEqualTo("pass:anon:" + anon);
    }

    @Test
    void exposesKindLocalIdAndAStorageSafeSegment() {
        PassId shopify = PassId.parse("pass:shopify:42");
        assertThat(shopify.kind()).isEqualTo(PassId.Kind.SHOPIFY);
        assertThat(shopify.shopifyCustomerId()).contains(42L);
        assertThat(PassId.parse("pass:user:a.b").safeSegment()).isEqualTo("user-a_b");
    }

    @Test
    void namespacedIdsCarryTheirRecordType() {
        assertThat(MgId.parse("credit_transaction:gen:abc").type()).isEqualTo(RecordType.CREDIT_TRANSACTION);
        assertThat(GenerationId.parse("generation:abc").mgId()).isEqualTo("generation:abc");
        assertThat(GenerationId.parse("abc").mgId()).isEqualTo("generation:abc");
        assertThat(CreditTxId.charge(new GenerationId("abc")).value()).isEqualTo("credit_transaction:gen:abc");
        assertThat(CreditTxId.refund(new GenerationId("abc")).value()).isEqualTo("credit_transaction:refund:abc");
        assertThat(CreditTxId.shopify(5, 6).value()).isEqualTo("credit_transaction:shopify:5:6");
        assertThatThrownBy(() -> MgId.parse("nope:1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GenerationId("../x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchaIsAWholeNonNegativeAmount() {
        assertThat(Matcha.parse("50").times(4)).isEqualTo(Matcha.of(200));
        assertThatThrownBy(() -> Matcha.parse("-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Matcha.parse("1.5")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Matcha.of(Matcha.MAX + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
