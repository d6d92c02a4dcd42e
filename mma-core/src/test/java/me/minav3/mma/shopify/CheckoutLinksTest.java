package me.minav3.mma.shopify;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import org.junit.jupiter.api.Test;

class CheckoutLinksTest {

    private static final PassId ALICE = PassId.user("alice");
    private Map<String, Object> shopify = obj("variants", obj("MINA-50", "4412345678901", "MINA-100", 4412345678902L));

    private CheckoutLinks links(String storeDomain) {
        return new CheckoutLinks(storeDomain, () -> ShopifyConfig.from(shopify));
    }

    @Test
    void aCartPermalinkCarriesTheVariantQuantityAndTheEncodedPassId() {
        String url =
                links("mina-shop.myshopify.com").forPack("MINA-50", 2, ALICE).orElseThrow();

        assertThat(url)
                .isEqualTo("https://mina-shop.myshopify.com/cart/4412345678901:2"
                        + "?attributes%5Bmina_pass_id%5D=pass%3Auser%3Aalice");
        URI uri = URI.create(url);
        assertThat(URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8))
                .isEqualTo("attributes[mina_pass_id]=pass:user:alice");
    }

    @Test
    void aNumericVariantIdAndAnyCaseOfTheSkuWork() {
        assertThat(links("mina-shop.myshopify.com").forPack("mina-100", 1, PassId.shopify(555)))
                .contains(
                        "https://mina-shop.myshopify.com/cart/4412345678902:1?attributes%5Bmina_pass_id%5D=pass%3Ashopify%3A555");
    }

    @Test
    void theStorefrontDomainInConfigWinsAndAnHttpBaseIsUsedAsItIs() {
        shopify = obj("variants", obj("MINA-50", "1"), "storefront_domain", "shop.minav3.me");
        assertThat(links("mina-shop.myshopify.com").forPack("MINA-50", 1, null))
                .contains("https://shop.minav3.me/cart/1:1");

        shopify = obj("variants", obj("MINA-50", "1"));
        assertThat(links("http://localhost:8089/").forPack("MINA-50", 1, null))
                .contains("http://localhost:8089/cart/1:1");
    }

    @Test
    void anAnonymousPassIdIsLeftOutOfTheLink() {
        assertThat(links("s.myshopify.com")
                        .forPack("MINA-50", 1, PassId.parse("pass:anon:0f8fad5b-d9cb-469f-a165-70867728950e")))
                .contains("https://s.myshopify.com/cart/4412345678901:1");
    }

    @Test
    void withoutAShopOrAVariantThereIsNoLink() {
        assertThat(links(null).forPack("MINA-50", 1, ALICE)).isEmpty();
        assertThat(links(null).forDefaultPack(ALICE)).isEmpty();
        assertThat(links(null).configured()).isFalse();
        assertThat(links("s.myshopify.com").forPack("MINA-999", 1, ALICE)).isEmpty();
        assertThat(links("not a domain!").forPack("MINA-50", 1, ALICE)).isEmpty();
        shopify = obj("variants", obj("MINA-50", "not-a-number"));
        assertThat(links("s.myshopify.com").forDefaultPack(ALICE)).isEmpty();
        assertThat(links("s.myshopify.com").configured()).isFalse();
    }

    @Test
    void theDefaultPackIsTheConfiguredOneElseTheFirst() {
        assertThat(links("s.myshopify.com").forDefaultPack(ALICE))
                .hasValueSatisfying(u -> assertThat(u).contains("/cart/4412345678901:1?"));

        shopify.put("default_pack", "MINA-100");
        assertThat(links("s.myshopify.com").defaultPack()).contains("MINA-100");
        assertThat(links("s.myshopify.com").forDefaultPack(ALICE))
                .hasValueSatisfying(u -> assertThat(u).contains("/cart/4412345678902:1?"));
        assertThat(links("s.myshopify.com").packs()).containsExactly("MINA-50", "MINA-100");
    }

    @Test
    void aQuantityOutsideOneToNinetyNineIsRefused() {
        assertThatThrownBy(() -> links("s.myshopify.com").forPack("MINA-50", 0, ALICE))
                .isInstanceOf(InvalidInput.class);
        assertThatThrownBy(() -> links("s.myshopify.com").forPack("MINA-50", 100, ALICE))
                .isInstanceOf(InvalidInput.class);
    }
}
