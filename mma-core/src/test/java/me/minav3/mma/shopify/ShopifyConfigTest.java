package me.minav3.mma.shopify;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import me.minav3.mma.common.Actor;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.testing.InMemoryMega;
import me.minav3.mma.testing.MutableClock;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

class ShopifyConfigTest {

    private final InMemoryMega mega = new InMemoryMega();
    private final MutableClock clock = new MutableClock();
    private final PublishConfig publish =
            new PublishConfig(mega, new ConfigService(mega, clock), mega, clock, new SequentialIds());

    @Test
    void theSeededDefaultsReadAsTheBuiltInOnes() {
        ShopifyConfig seeded = ShopifyConfig.from(DefaultConfig.values().get(ConfigKeys.SHOPIFY));

        assertThat(seeded)
                .usingRecursiveComparison()
                .ignoringFields("apiVersion")
                .isEqualTo(ShopifyConfig.standard());
        assertThat(seeded.apiVersion()).isEqualTo(ShopifyApiVersion.DEFAULT.value());
        assertThat(seeded.customerTag()).isEqualTo("Mina-users");
        assertThat(seeded.creditTestOrders()).isTrue();
        assertThat(seeded.tagAttempts()).isEqualTo(4);
        assertThat(seeded.variants()).isEmpty();
        assertThat(PackPolicy.fromConfig(DefaultConfig.values().get(ConfigKeys.PACKS))
                        .unitValue("MINA-50"))
                .isPresent();
    }

    @Test
    void backoffDoublesUpToItsCap() {
        ShopifyConfig config = ShopifyConfig.from(obj("tag_first_backoff_ms", 30_000, "tag_max_backoff_ms", 100_000));

        assertThat(config.tagBackoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.tagBackoff(2)).isEqualTo(Duration.ofSeconds(60));
        assertThat(config.tagBackoff(3)).isEqualTo(Duration.ofSeconds(100));
        assertThat(config.tagBackoff(60)).isEqualTo(Duration.ofSeconds(100));
    }

    @Test
    void goodPackAndVariantConfigIsPublished() {
        publish.publish(
                ConfigKeys.PACKS, obj("sku_pattern", "MINA-<n>", "overrides", obj("MINA-STARTER", 30)), Actor.SYSTEM);
        publish.publish(
                ConfigKeys.SHOPIFY,
                obj(
                        "customer_tag",
                        "Mina-users",
                        "variants",
                        obj("MINA-50", "4412345678901", "MINA-100", 4412345678902L),
                        "default_pack",
                        "MINA-50",
                        "storefront_domain",
                        "shop.minav3.me"),
                Actor.SYSTEM);

        assertThat(mega.latest(ConfigKeys.SHOPIFY).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void configThatWouldBeSilentlyMisreadIsRefusedBeforeItIsStored() {
        for (Map<String, Object> packs : java.util.List.<Map<String, Object>>of(
                obj("sku_pattern", "MINA-50"), obj("overrides", obj("MINA-X", "thirty")))) {
            assertThatThrownBy(() -> publish.publish(ConfigKeys.PACKS, packs, Actor.SYSTEM))
                    .isInstanceOf(InvalidInput.class);
        }
        for (Map<String, Object> shopify : java.util.List.<Map<String, Object>>of(
                obj("variants", obj("MINA-50", "gid://shopify/ProductVariant/1")),
                obj("variants", "MINA-50=1"),
                obj("customer_tag", "Mina-users, VIP"),
                obj("customer_tag", " "),
                obj("tag_attempts", "four"),
                obj("storefront_domain", "shop.minav3.me/path?x=1"))) {
            assertThatThrownBy(() -> publish.publish(ConfigKeys.SHOPIFY, shopify, Actor.SYSTEM))
                    .as(shopify.toString())
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("mma.shopify");
        }
        assertThat(mega.latest(ConfigKeys.PACKS)).isEmpty();
        assertThat(mega.latest(ConfigKeys.SHOPIFY)).isEmpty();
    }
}
