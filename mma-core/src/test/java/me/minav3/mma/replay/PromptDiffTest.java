package me.minav3.mma.replay;

import static org.assertj.core.api.Assertions.assertThat;

import me.minav3.mma.replay.PromptDiff.Op;
import me.minav3.mma.replay.PromptDiff.Part;
import org.junit.jupiter.api.Test;

class PromptDiffTest {

    @Test
    void theSameWordsAreOneUnchangedRun() {
        PromptDiff diff = PromptDiff.of("amber bottle  on stone", "amber bottle on stone");
        assertThat(diff.parts()).containsExactly(new Part(Op.SAME, "amber bottle on stone"));
        assertThat(diff.unchanged()).isTrue();
    }

    @Test
    void removedAndAddedWordsAreMarkedWhereTheyAreInWordDiffStyle() {
        PromptDiff diff =
                PromptDiff.of("amber bottle on travertine, morning light", "amber bottle on marble, soft light");
        assertThat(diff.parts())
                .containsExactly(
                        new Part(Op.SAME, "amber bottle on"),
                        new Part(Op.REMOVED, "travertine, morning"),
                        new Part(Op.ADDED, "marble, soft"),
                        new Part(Op.SAME, "light"));
        assertThat(diff.text()).isEqualTo("amber bottle on [-travertine, morning-] {+marble, soft+} light");
        assertThat(diff.unchanged()).isFalse();
    }

    @Test
    void aShortenedPromptIsItsStartAndTheRestRemoved() {
        PromptDiff diff = PromptDiff.of("a b c d", "a b");
        assertThat(diff.text()).isEqualTo("a b [-c d-]");
        assertThat(PromptDiff.of("", "new words").text()).isEqualTo("{+new words+}");
    }
}
