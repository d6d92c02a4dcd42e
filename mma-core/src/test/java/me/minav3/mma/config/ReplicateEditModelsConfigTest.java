package me.minav3.mma.config;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.providers.EditTool;
import org.junit.jupiter.api.Test;

/** {@code mma.provider.replicate.defaults}: the Replicate editor's model per tool (decision 046). */
class ReplicateEditModelsConfigTest {

    private static final String KEY = ConfigKeys.providerDefaults("replicate");

    @Test
    void version1NamesADocumentedModelForEveryToolAndPassesItsRules() {
        Map<String, Object> seeded = DefaultConfig.values().get(KEY);

        assertThat(Json.object(seeded, "models"))
                .containsOnlyKeys(java.util.Arrays.stream(EditTool.values())
                        .map(EditTool::wire)
                        .toList())
                .containsEntry("eraser", "bria/eraser")
                .containsEntry("inpaint", "bria/genfill")
                .containsEntry("expand", "bria/expand-image")
                .containsEntry(
                        "remove-background",
                        "men1scus/birefnet:f74986db0355b58403ed20963af156525e2891ea3c2d499bfbfb2a28cd87c5d7")
                .containsEntry("upscale", "bria/increase-resolution")
                .containsEntry("vectorize", "recraft-ai/recraft-vectorize");
        ConfigRules.check(KEY, seeded);
    }

    @Test
    void oneToolsModelMayBeChangedAlone() {
        ConfigRules.check(KEY, obj("models", obj("upscale", "nightmareai/real-esrgan:" + "a".repeat(64))));
    }

    @Test
    void anUnknownToolOrAModelThatIsNotAReplicateIdIsRefused() {
        assertThatThrownBy(() -> ConfigRules.check(KEY, obj("models", obj("erase", "bria/eraser"))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("unknown edit tool \"erase\"");
        assertThatThrownBy(() -> ConfigRules.check(KEY, obj("models", obj("remove_background", "bria/eraser"))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("unknown edit tool");
        assertThatThrownBy(() -> ConfigRules.check(KEY, obj("models", obj("eraser", "https://evil.example/x"))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("models.eraser");
        assertThatThrownBy(() -> ConfigRules.check(KEY, obj("models", obj("vectorize", "men1scus/birefnet:latest"))))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("owner/name:<64 hex version id>");
        assertThatThrownBy(() -> ConfigRules.check(KEY, obj("models", "bria/eraser")))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("\"models\"");
    }
}
