package me.minav3.mma.providers;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.testing.PipelineFixture;
import org.junit.jupiter.api.Test;

/** The options a GPT step runs with: the newest context row laid over the provider's newest defaults row. */
class GptContextsTest {

    private final PipelineFixture mma = new PipelineFixture();

    private void publish(String key, Map<String, Object> value) {
        mma.stores.config().publish(key, value, "test", mma.clock.now());
    }

    @Test
    void theContextRowOverridesTheProviderDefaultsAndTimeoutsMergeLimitByLimit() {
        publish(
                "mma.provider.openai.defaults",
                obj(
                        "model",
                        "gpt-4.1-mini",
                        "temperature",
                        0.4,
                        "max_tokens",
                        700,
                        "timeouts",
                        obj("connect_ms", 1_000, "request_ms", 1_000, "total_ms", 2_500, "max_attempts", 3)));
        publish(
                "mma.ctx.gpt_reader",
                obj(
                        "system_prompt",
                        "Write short prompts.",
                        "model",
                        "gpt-4.1",
                        "temperature",
                        0.1,
                        "timeouts",
                        obj("request_ms", 5_000)));

        GptContext context = new GptContexts(mma.config, mma.providers).forTask(GptTask.READ_STILL, "openai");

        assertThat(context.systemPrompt()).isEqualTo("Write short prompts.");
        assertThat(context.model()).isEqualTo("gpt-4.1");
        assertThat(context.version()).isEqualTo(2);
        assertThat(context.options())
                .containsEntry("temperature", 0.1)
                .containsEntry("max_tokens", 700)
                .doesNotContainKeys("model", "system_prompt");
        assertThat(Json.object(context.options(), "timeouts"))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("connect_ms", 1_000, "request_ms", 5_000, "total_ms", 2_500, "max_attempts", 3));
    }

    @Test
    void withoutContextOptionsTheProviderDefaultsAreUsedAsPublished() {
        publish(
                "mma.provider.openai.defaults",
                obj("model", "gpt-4.1-mini", "inline_images", "always", "timeouts", obj("request_ms", 800)));

        GptContext context = new GptContexts(mma.config, mma.providers).forTask(GptTask.SCAN, "openai");

        assertThat(context.model()).isEqualTo("gpt-4.1-mini");
        assertThat(context.options())
                .containsEntry("inline_images", "always")
                .containsEntry("timeouts", Map.of("request_ms", 800));
    }
}
