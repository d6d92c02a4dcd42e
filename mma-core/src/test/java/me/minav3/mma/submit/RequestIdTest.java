package me.minav3.mma.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import me.minav3.mma.error.InvalidInput;
import org.junit.jupiter.api.Test;

class RequestIdTest {

    @Test
    void aRequestIdIsOneTo120PlainCharacters() {
        assertThat(new RequestId("line-7").value()).isEqualTo("line-7");
        assertThat(new RequestId("a.b_c:d-E9".repeat(12)).value()).hasSize(120);
        assertThat(RequestId.ofNullable(null)).isNull();
    }

    @Test
    void anythingElseIsRefusedWithTheSameReasonEverywhere() {
        for (String invalid : new String[] {"", "with space", "x".repeat(121), "retry~2", "ünïcode"}) {
            assertThatThrownBy(() -> RequestId.ofNullable(invalid))
                    .isInstanceOf(InvalidInput.class)
                    .hasMessage("a request id is 1-120 letters, digits or . _ : -");
        }
    }
}
