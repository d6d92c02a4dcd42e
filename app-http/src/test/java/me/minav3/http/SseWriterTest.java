package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SseWriterTest {

    private static String encoded(String name, String data, String id) {
        StringBuilder out = new StringBuilder();
        SseWriter.encode(out, name, data, id);
        return out.toString();
    }

    @Test
    void anEventIsItsIdItsNameItsDataAndABlankLine() {
        assertThat(encoded("message", "{\"seq\":3}", "3")).isEqualTo("id: 3\nevent: message\ndata: {\"seq\":3}\n\n");
        assertThat(encoded("done", "{}", null)).isEqualTo("event: done\ndata: {}\n\n");
    }

    @Test
    void everyLineOfTheDataIsADataFieldOfItsOwnWhateverBreaksIt() {
        assertThat(encoded("message", "one\ntwo\r\nthree\rfour", null))
                .isEqualTo("event: message\ndata: one\ndata: two\ndata: three\ndata: four\n\n");
        assertThat(encoded("message", "", null)).isEqualTo("event: message\ndata: \n\n");
        assertThat(encoded("message", "trailing\n", null)).isEqualTo("event: message\ndata: trailing\ndata: \n\n");
    }

    @Test
    void aLineBreakInAnIdOrANameCannotEndItsFieldEarly() {
        assertThat(encoded("mes\nsage", "x", "1\r\nevent: forged"))
                .isEqualTo("id: 1  event: forged\nevent: mes sage\ndata: x\n\n");
    }

    @Test
    void aCommentIsOneLineThatDispatchesNothing() {
        StringBuilder out = new StringBuilder();
        SseWriter.comment(out, "keep-\r\nalive");
        assertThat(out.toString()).isEqualTo(": keep-  alive\n");
    }

    @Test
    void eventsAddedTogetherAreOneTextInTheOrderAdded() {
        StringBuilder out = new StringBuilder();
        SseWriter.encode(out, "message", "{\"seq\":6}", "6");
        SseWriter.encode(out, "status", "{\"status\":\"done\"}", null);
        SseWriter.encode(out, "done", "{\"status\":\"done\"}", null);
        assertThat(out.toString())
                .isEqualTo("id: 6\nevent: message\ndata: {\"seq\":6}\n\n"
                        + "event: status\ndata: {\"status\":\"done\"}\n\n"
                        + "event: done\ndata: {\"status\":\"done\"}\n\n");
    }
}
