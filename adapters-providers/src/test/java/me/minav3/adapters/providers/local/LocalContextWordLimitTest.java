package me.minav3.adapters.providers.local;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.DefaultConfig;
import me.minav3.mma.providers.GptContext;
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.VisionLanguageModel;
import org.junit.jupiter.api.Test;

/** The local model keeps to the word limit its context's system prompt states, as a real model would. */
class LocalContextWordLimitTest {

    private static final Map<String, Object> BRIEF = obj(
            "brief", "amber perfume bottle on travertine", "captions", obj("inspiration", List.of("Soft beige room.")));

    private final VisionLanguageModel vision = LocalProviders.vision(Duration.ZERO);

    private String prompt(GptTask task, String systemPrompt, Map<String, Object> input, String field) {
        var context = new GptContext(task.contextKey(), 2, "app_config:x:v2", systemPrompt, null, Map.of());
        return vision.ask(new GptRequest(task, context, input, List.of())).field(field);
    }

    @Test
    void aContextAskingForFewerWordsGetsAShorterPrompt() {
        String seeded = Json.string(DefaultConfig.values().get(GptTask.READ_STILL.contextKey()), "system_prompt", "");
        String full = prompt(GptTask.READ_STILL, seeded, BRIEF, "clean_prompt");
        String shortened = prompt(
                GptTask.READ_STILL, "Write one prompt. At most 6 words.\nReply with JSON.", BRIEF, "clean_prompt");

        assertThat(full.split("\\s+").length).isGreaterThan(6);
        assertThat(shortened)
                .isEqualTo(String.join(" ", List.of(full.split("\\s+")).subList(0, 6)) + ".");
    }

    @Test
    void theSeededContextsLeaveTheTemplatePromptsWhole() {
        String none = prompt(GptTask.READ_STILL, "system prompt", BRIEF, "clean_prompt");
        String seeded = prompt(
                GptTask.READ_STILL,
                Json.string(DefaultConfig.values().get(GptTask.READ_STILL.contextKey()), "system_prompt", ""),
                BRIEF,
                "clean_prompt");
        assertThat(seeded).isEqualTo(none);
        Map<String, Object> motion = obj("caption", "A red cup.", "user_text", "", "duration_seconds", 5L);
        assertThat(prompt(
                        GptTask.READ_MOTION,
                        Json.string(DefaultConfig.values().get(GptTask.READ_MOTION.contextKey()), "system_prompt", ""),
                        motion,
                        "motion_prompt"))
                .isEqualTo(prompt(GptTask.READ_MOTION, "system prompt", motion, "motion_prompt"));
    }

    @Test
    void theLimitIsTheFirstOneTheSystemPromptStates() {
        assertThat(ContextWordLimit.of("Caption of at most 80 words, a line (at most 12 words)"))
                .hasValue(80);
        assertThat(ContextWordLimit.of("no limit here")).isEmpty();
    }
}
