package me.minav3.adapters.providers.http;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private static final String KEY = "sk-live-abcdef0123456789";
    private final Redaction redaction = new Redaction(List.of(KEY, "tiny"));

    @Test
    void removesConfiguredSecretsFromTextAndNestedJson() {
        Map<String, Object> clean = redaction.json(obj(
                "message",
                "Incorrect API key provided: " + KEY,
                "nested",
                obj("list", List.of("x " + KEY + " y", 42, true))));

        assertThat(clean.get("message")).isEqualTo("Incorrect API key provided: <redacted>");
        assertThat(clean.toString()).doesNotContain(KEY).contains("42").contains("true");
    }

    @Test
    void blanksCredentialsUnderWellKnownKeys() {
        Map<String, Object> clean = redaction.json(obj(
                "Authorization",
                "Bearer whatever",
                "api_key",
                "k-123",
                "X-Shopify-Access-Token",
                "shpat_1",
                "prompt",
                "a bottle"));

        assertThat(clean)
                .containsEntry("Authorization", "<redacted>")
                .containsEntry("api_key", "<redacted>")
                .containsEntry("X-Shopify-Access-Token", "<redacted>")
                .containsEntry("prompt", "a bottle");
    }

    @Test
    void replacesInlineImageDataByItsSize() {
        String dataUrl = "data:image/png;base64," + Base64.getEncoder().encodeToString(new byte[12_345]);
        String padded = "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(new byte[10]);

        assertThat(redaction.text(dataUrl)).isEqualTo("data:image/png;base64,<12345 bytes>");
        assertThat(redaction.text(padded)).isEqualTo("data:image/jpeg;base64,<10 bytes>");
    }

    @Test
    void replacesEveryInlineImageInsideLongerTextAndLeavesOtherDataAlone() {
        String image = Base64.getEncoder().encodeToString(new byte[300_000]);
        String text = "{\"url\":\"data:image/webp;base64," + image + "\"}, data: none, data:data:image/png;base64,"
                + Base64.getEncoder().encodeToString(new byte[7]) + " end";

        assertThat(redaction.text(text))
                .isEqualTo("{\"url\":\"data:image/webp;base64,<300000 bytes>\"}, data: none, "
                        + "data:data:image/png;base64,<7 bytes> end");
    }

    @Test
    void replacesLongBareBase64ByItsSize() {
        String base64 = Base64.getEncoder().encodeToString(new byte[3_000]);

        assertThat(redaction.value(obj("image", base64))).isEqualTo(obj("image", "<base64 3000 bytes>"));
    }

    @Test
    void replacesRunsOfTwoHundredBase64CharactersInFreeTextAndKeepsShorterOnes() {
        String long1 = Base64.getEncoder().encodeToString(new byte[181]); // 244 chars, ends "=="
        String long2 = "A".repeat(200);
        String short1 = "b".repeat(199);

        assertThat(redaction.text("raw: " + long1 + " then " + short1 + ", " + long2 + "=x"))
                .isEqualTo("raw: <base64 181 bytes> then " + short1 + ", <base64 149 bytes>x");
        assertThat(redaction.text(long2 + "===")).isEqualTo("<base64 149 bytes>=");
    }

    @Test
    void stripsSigningQueryStringsButKeepsPlainOnes() {
        assertThat(redaction.text(
                        "see https://bucket.s3.amazonaws.com/o.png?X-Amz-Algorithm=AWS4&X-Amz-Signature=ab12 now"))
                .isEqualTo("see https://bucket.s3.amazonaws.com/o.png?<redacted> now");
        assertThat(redaction.url("https://x.volces.com/a.jpeg?X-Tos-Expires=86400&X-Tos-Signature=f00"))
                .isEqualTo("https://x.volces.com/a.jpeg?<redacted>");
        assertThat(redaction.url("https://cdn.example.com/v.mp4?token=abc&w=1"))
                .isEqualTo("https://cdn.example.com/v.mp4?<redacted>");
        assertThat(redaction.url("https://cdn.example.com/v.mp4?Expires=1&Signature=x&Key-Pair-Id=K"))
                .isEqualTo("https://cdn.example.com/v.mp4?<redacted>");
        assertThat(redaction.url("https://cdn.example.com/p.png?width=400"))
                .isEqualTo("https://cdn.example.com/p.png?width=400");
    }

    @Test
    void removesBearerTokensAndJwts() {
        String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhayJ9.c2lnbmF0dXJl";

        assertThat(redaction.text("token " + jwt + " rejected")).isEqualTo("token <jwt> rejected");
        assertThat(redaction.text("header was Bearer r8_abc.def")).isEqualTo("header was Bearer <redacted>");
    }

    @Test
    void leavesOrdinaryPromptsAlone() {
        String prompt = "Basic studio lighting, the bearer of light, key visual, token gesture, signature look";

        assertThat(redaction.text(prompt)).isEqualTo(prompt);
    }

    @Test
    void leavesSecretsTooShortToSearchForAlone() {
        assertThat(redaction.text("a tiny bottle")).isEqualTo("a tiny bottle");
    }

    @Test
    void cutsVeryLongText() {
        String text = "word ".repeat(3_000);

        assertThat(redaction.text(text)).hasSizeLessThan(8_100).endsWith("(7000 more chars)");
    }
}
