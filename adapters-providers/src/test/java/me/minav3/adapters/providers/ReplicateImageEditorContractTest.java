package me.minav3.adapters.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.EditOptions;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.providers.ImageEditor;
import me.minav3.mma.providers.ImageEditorContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The editor contract on the Replicate adapter, against a stateful fake of Replicate's predictions API that makes
 * each model's documented output shape from the input the adapter really sent (decision 046).
 */
class ReplicateImageEditorContractTest extends ImageEditorContract {

    private static ReplicateEditFake replicate;
    private final FakeTime time = new FakeTime();
    private final ImageEditor editor = new RealProviders(
                    ProviderSettings.fromEnvironment(Map.of(
                            "REPLICATE_API_TOKEN",
                            "r8_contract_0123456789",
                            "REPLICATE_BASE_URL",
                            replicate.baseUrl())),
                    time,
                    time,
                    new SplittableRandom(7))
            .imageEditors()
            .get("replicate");

    @BeforeAll
    static void startFake() {
        replicate = ReplicateEditFake.start();
    }

    @AfterAll
    static void stopFake() {
        replicate.close();
    }

    @Override
    protected ImageEditor editor() {
        return editor;
    }

    @Test
    void eachEditIsOnePredictionOfItsToolsModel() {
        int before = replicate.billed().size();

        run(EditTool.UPSCALE, null, EditOptions.upscale(2));
        run(EditTool.REMOVE_BACKGROUND, null, EditOptions.NONE);

        assertThat(replicate.billed().subList(before, replicate.billed().size()))
                .containsExactly(
                        "bria/increase-resolution",
                        "men1scus/birefnet:f74986db0355b58403ed20963af156525e2891ea3c2d499bfbfb2a28cd87c5d7");
    }

    @Test
    void aCreateWhoseReplyIsLostFailsWithoutASecondPrediction() {
        int before = replicate.billed().size();
        replicate.dropRepliesToNextCreates(1);

        ProviderFailure failure =
                catchThrowableOfType(ProviderFailure.class, () -> run(EditTool.VECTORIZE, null, EditOptions.NONE));

        assertThat(failure).isNotNull();
        assertThat(failure.getMessage()).contains("not sent again");
        assertThat(replicate.billed().subList(before, replicate.billed().size()))
                .as("paid once, never twice")
                .isEqualTo(List.of("recraft-ai/recraft-vectorize"));
    }
}
