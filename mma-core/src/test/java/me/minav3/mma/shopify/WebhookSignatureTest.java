package me.minav3.mma.shopify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final byte[] BODY = """
            {"id":820982911946154508,"email":"jon@example.com","financial_status":"paid"}""".getBytes(StandardCharsets.UTF_8);
    private final WebhookSignature signature = new WebhookSignature("shpss_test_secret");

    @Test
    void computesHmacSha256AsPublishedInRfc4231() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?".
        String expected = Base64.getEncoder()
                .encodeToString(
                        HexFormat.of().parseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
        WebhookSignature jefe = new WebhookSignature("Jefe");
        byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

        assertThat(jefe.sign(data)).isEqualTo(expected);
        assertThat(jefe.verify(data, expected)).isTrue();
    }

    @Test
    void acceptsTheSignatureOfExactlyTheseBytes() {
        assertThat(signature.verify(BODY, signature.sign(BODY))).isTrue();
        assertThat(signature.verify(BODY, " " + signature.sign(BODY) + " "))
                .as("header whitespace")
                .isTrue();
    }

    @Test
    void refusesAnyChangedByte() {
        String header = signature.sign(BODY);
        for (int i = 0; i < BODY.length; i++) {
            byte[] changed = BODY.clone();
            changed[i] ^= 1;
            assertThat(signature.verify(changed, header)).isFalse();
        }
    }

    @Test
    void refusesMissingMalformedTruncatedOrForeignSignatures() {
        String good = signature.sign(BODY);
        assertThat(signature.verify(BODY, null)).isFalse();
        assertThat(signature.verify(BODY, "")).isFalse();
        assertThat(signature.verify(BODY, "not base64 at all!")).isFalse();
        assertThat(signature.verify(BODY, good.substring(0, 20))).isFalse();
        assertThat(signature.verify(BODY, Base64.getEncoder().encodeToString(new byte[32])))
                .isFalse();
        assertThat(signature.verify(BODY, new WebhookSignature("another secret").sign(BODY)))
                .isFalse();
        assertThat(signature.verify(null, good)).isFalse();
    }

    @Test
    void withoutASecretEveryDeliveryIsRefused() {
        WebhookSignature none = new WebhookSignature(" ");

        assertThat(none.configured()).isFalse();
        assertThat(none.verify(BODY, new WebhookSignature(" x").sign(BODY))).isFalse();
        assertThat(none.verify(new byte[0], "")).isFalse();
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(signature.toString()).doesNotContain("shpss_test_secret").contains("secret set");
    }
}
