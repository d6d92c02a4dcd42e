package me.minav3.mma.engine;

import static org.assertj.core.api.Assertions.assertThat;

import me.minav3.mma.common.MmaMode;
import me.minav3.mma.error.InvalidInput;
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
}
