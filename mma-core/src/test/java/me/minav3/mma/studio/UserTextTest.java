package me.minav3.mma.studio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.submit.RequestId;
import me.minav3.mma.submit.StillRequest;
import me.minav3.mma.submit.StudioSession;
import me.minav3.mma.submit.TweakStill;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UserTextTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"a\u0000b", "\u0007", "\u001b[31m", "\u007f", "\u0085", "\u009f", "half \ud800", "\udc00 half"})
    void refusesControlCharactersAndHalfCharacters(String text) {
        assertThat(UserText.problem(text)).as(text).isPresent();
        assertThatThrownBy(() -> UserText.check("the brief", text))
                .isInstanceOf(InvalidInput.class)
                .hasMessageStartingWith("the brief contains");
    }

    @Test
    void acceptsTabsLineBreaksAndEveryOtherCharacter() {
        for (String text : List.of("a cup\n\ton marble\r\n", "matcha 抹茶 🍵", "café – “quoted”", "")) {
            assertThat(UserText.problem(text)).as(text).isEmpty();
        }
        assertThat(UserText.problem(null)).isEmpty();
    }

    @Test
    void theCoreRefusesANulInABriefWhateverTheEntryPoint() {
        assertThatThrownBy(() -> new StillRequest(
                        PassId.user("a"),
                        "a cup\u0000",
                        null,
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        RequestId.ofNullable(null),
                        StudioSession.CURRENT))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("the brief")
                .hasMessageContaining("U+0000");
        assertThatThrownBy(() -> new StillRequest(
                        PassId.user("a"),
                        "a cup",
                        "noir\u0000",
                        null,
                        null,
                        null,
                        List.of(),
                        null,
                        RequestId.ofNullable(null),
                        StudioSession.CURRENT))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("the style");
        assertThatThrownBy(() -> new TweakStill.Request(
                        PassId.user("a"),
                        new GenerationId("0198a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"),
                        "warmer\u0000",
                        null,
                        StudioSession.CURRENT))
                .isInstanceOf(InvalidInput.class)
                .hasMessageContaining("feedback");
    }
}
