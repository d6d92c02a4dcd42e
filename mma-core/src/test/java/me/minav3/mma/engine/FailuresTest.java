package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;

import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.generation.GenerationKind;
import org.junit.jupiter.api.Test;

/** The line a user reads when a stage fails (found by NullAway: an {@link InvalidInput} may carry no message). */
class FailuresTest {

    @Test
    void anInvalidInputWithoutAMessageStillGivesAReadableLine() {
        // On main this threw a NullPointerException while the failure was being recorded.
        assertThat(Failures.readable("gpt_reader", MmaMode.STILL, new InvalidInput(null)))
                .isEqualTo("Something went wrong in the prompt writer. Your matcha was refunded.");
    }

    @Test
    void anInvalidInputWithAMessageIsReadAsIs() {
        assertThat(Failures.readable("gpt_reader", MmaMode.STILL, new InvalidInput("the brief is too long")))
                .isEqualTo("The brief is too long. Your matcha was refunded.");
    }

    @Test
    void aFailedToolRunSaysItsShareWentBackToThePoolNotTheBalance() {
        assertThat(Failures.readable(
                        "local_edit",
                        MmaMode.STILL,
                        GenerationKind.EDIT,
                        new ProviderFailure("local", ProviderFailure.Kind.TIMEOUT, "slow", ProviderTrace.EMPTY)))
                .isEqualTo("The edit tool did not answer in time. Its share of matcha went back to your tool pool.");
        assertThat(Failures.readable("seedream_generate", MmaMode.STILL, GenerationKind.CREATE, new InvalidInput(null)))
                .endsWith("Your matcha was refunded.");
    }
}
