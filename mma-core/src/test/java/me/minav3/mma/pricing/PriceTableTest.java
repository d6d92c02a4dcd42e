package me.minav3.mma.pricing;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Actor;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.config.PublishConfig;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.testing.PipelineFixture;
import me.minav3.mma.testing.SequentialIds;
import org.junit.jupiter.api.Test;

/** The price table of {@code mma.provider.prices}: its shape, and exact USD arithmetic. */
class PriceTableTest {

    private static final Map<String, Object> SEEDED = DefaultConfig.values().get(ConfigKeys.PROVIDER_PRICES);

    @Test
    void theSeededTablePricesTheDefaultModelsAndTheLocalProvidersAreFree() {
        PriceTable table = PriceTable.of(SEEDED, 1);

        assertThat(table.tokens("openai", List.of("gpt-4.1-mini-2025-04-14", "gpt-4.1-mini"), 10_000L, 1_000L)
                        .usd())
                .isEqualByComparingTo("0.0056");
        assertThat(table.image("seedream", "seedream-4-0-250828", 1).usd()).isEqualByComparingTo("0.03");
        assertThat(table.image("seedream_replicate", "bytedance/seedream-4", 1).usd())
                .isEqualByComparingTo("0.03");
        assertThat(table.video("kling", "kling-v2-1", "std", 5).usd()).isEqualByComparingTo("0.28");
        assertThat(table.video("kling", "kling-v2-1", "pro", 10).usd()).isEqualByComparingTo("0.98");
        assertThat(table.image("seedream", "seedream-4-5-251128", 1).usd()).isEqualByComparingTo("0.04");
        assertThat(table.video("kling_replicate", "kwaivgi/kling-v2.1", "standard", 5)
                        .known())
                .as("no confirmed public price: unknown, never guessed")
                .isFalse();
        assertThat(table.video("local", "local-v1", null, 5).usd()).isEqualByComparingTo("0");
        assertThat(table.tokens("local", List.of("local-v1"), null, null).usd()).isEqualByComparingTo("0");
    }

    @Test
    void sumsAreExactDecimalsNeverBinaryFloatingPoint() {
        PriceTable table = PriceTable.of(
                obj(
                        "providers",
                        obj(
                                "p",
                                obj(
                                        "models",
                                        obj(
                                                "m",
                                                obj(
                                                        "per_image",
                                                        0.1,
                                                        "per_million_input_tokens",
                                                        0.1,
                                                        "per_million_output_tokens",
                                                        0.2))))),
                3);

        assertThat(table.image("p", "m", 3).toJson()).containsEntry("usd", "0.3");
        assertThat(table.tokens("p", List.of("m"), 1L, 1L).toJson()).containsEntry("usd", "0.0000003");
    }

    @Test
    void tokensPricedAtZeroCostNothingEvenWhenTheReplyCountedNone() {
        PriceTable table = PriceTable.of(
                obj(
                        "providers",
                        obj(
                                "p",
                                obj(
                                        "models",
                                        obj(
                                                "free",
                                                        obj(
                                                                "per_million_input_tokens",
                                                                0,
                                                                "per_million_output_tokens",
                                                                "0"),
                                                "paid",
                                                        obj(
                                                                "per_million_input_tokens",
                                                                1,
                                                                "per_million_output_tokens",
                                                                0))))),
                2);

        assertThat(table.tokens("p", List.of("free"), null, null).toJson()).containsEntry("usd", "0");
        assertThat(table.tokens("p", List.of("paid"), null, null).toJson())
                .containsEntry("usd", null)
                .containsEntry("reason", "the reply reported no token usage");
    }

    @Test
    void anUnpricedModeOrModelIsUnknownAndSaysWhy() {
        PriceTable table = PriceTable.of(SEEDED, 4);

        StepCost mode = table.video("kling", "kling-v2-1", "master", 5);
        StepCost model = table.image("seedream", "seedream-9", 1);
        StepCost provider = table.image("midjourney", "v7", 1);

        assertThat(mode.known()).isFalse();
        assertThat(mode.reason()).contains("v4").contains("master").contains("[std, pro]");
        assertThat(model.toJson()).containsEntry("usd", null).containsEntry("price_table_version", 4);
        assertThat(model.reason()).contains("seedream-9").contains("per_image");
        assertThat(provider.reason()).contains("midjourney");
    }

    @Test
    void publishingAPriceTableOfTheWrongShapeIsRefusedAndWritesNothing() {
        PipelineFixture mma = new PipelineFixture();
        PublishConfig publish = new PublishConfig(
                mma.stores.config(), mma.config, mma.stores.audit(), mma.clock, new SequentialIds("audit"));
        List<Map<String, Object>> bad = List.of(
                obj("openai", obj()),
                obj("providers", obj("openai", "cheap")),
                obj("providers", obj("openai", obj())),
                obj("providers", obj("openai", obj("models", obj("gpt-4.1-mini", obj("per_token", 0.1))))),
                obj(
                        "providers",
                        obj("openai", obj("models", obj("gpt-4.1-mini", obj("per_million_input_tokens", -1))))),
                obj("providers", obj("kling", obj("models", obj("kling-v2-1", obj("per_second", 0.05))))),
                obj("providers", obj("seedream", obj("models", obj("s", obj("per_image", "three cents"))))),
                obj("providers", obj("local", obj("free", "yes"))));
        for (Map<String, Object> value : bad) {
            assertThatThrownBy(() -> publish.publish(ConfigKeys.PROVIDER_PRICES, value, Actor.SYSTEM))
                    .as(value.toString())
                    .isInstanceOf(InvalidInput.class)
                    .hasMessageContaining("mma.provider.prices");
        }
        assertThat(mma.stores
                        .config()
                        .latest(ConfigKeys.PROVIDER_PRICES)
                        .orElseThrow()
                        .version())
                .isEqualTo(1);
        publish.publish(ConfigKeys.PROVIDER_PRICES, SEEDED, Actor.SYSTEM);
    }
}
