package me.minav3.mma.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicUrlPolicyTest {

    private static final Pattern HTTP_URL = Pattern.compile(PublicUrlPolicy.HTTP_URL_REGEX, Pattern.CASE_INSENSITIVE);

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://pub-123.r2.dev/mma/still/abc.png",
                "http://localhost:8080/assets/uploads/product/user-a/2025/06/x.jpg",
                "https://cdn.example.com/a.png?v=2",
                "https://cdn.example.com/a.png?tokens_count=3&expiresAt=soon",
                "https://cdn.example.com/signature-collection/a.png",
                "HTTPS://CDN.EXAMPLE.COM/A.PNG"
            })
    void acceptsPermanentPublicUrls(String url) {
        assertThat(PublicUrlPolicy.refusal(url)).as(url).isEmpty();
        assertThat(HTTP_URL.matcher(url).find()).as(url).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://bucket.s3.amazonaws.com/a.png?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=abc",
                "https://acct.r2.cloudflarestorage.com/b/a.png?x-amz-expires=300",
                "https://storage.googleapis.com/b/a.png?X-Goog-Signature=abc",
                "https://d111.cloudfront.net/a.png?Expires=1700000000&Signature=abc&Key-Pair-Id=K2",
                "https://cdn.example.com/a.png?token=abc",
                "https://cdn.example.com/a.png?size=2&TOKEN=abc",
                "https://cdn.example.com/a.png?access_token=abc",
                "https://acct.blob.core.windows.net/c/a.png?sv=2024&se=2025&sig=abc",
                "https://cdn.example.com/a.png?signature",
                "https://replicate.delivery/a.png?Expires=1"
            })
    void refusesSignedOrExpiringUrls(String url) {
        assertThat(PublicUrlPolicy.isSigned(url)).as(url).isTrue();
        assertThat(PublicUrlPolicy.refusal(url))
                .as(url)
                .hasValueSatisfying(reason -> assertThat(reason).contains("temporary"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ftp://example.com/a.png",
                "file:///etc/passwd",
                "data:image/png;base64,AAAA",
                "javascript:alert(1)",
                "//example.com/a.png",
                "/assets/a.png",
                "https://user:pw@example.com/a.png",
                "not a url",
                ""
            })
    void refusesWhatIsNotAPlainHttpUrl(String url) {
        assertThat(PublicUrlPolicy.isPermanentPublic(url)).as(url).isFalse();
    }

    @Test
    void theHttpPatternRefusesUserInfoAndOtherSchemes() {
        assertThat(HTTP_URL.matcher("https://user:pw@example.com/a.png").find()).isFalse();
        assertThat(HTTP_URL.matcher("ftp://example.com/a.png").find()).isFalse();
        assertThat(HTTP_URL.matcher("https://example.com").find()).isTrue();
    }

    @Test
    void buildsASqlCheckFromTheSamePatterns() {
        assertThat(PublicUrlPolicy.sqlCheck("mg_output_url"))
                .isEqualTo("mg_output_url IS NULL OR (mg_output_url ~* '" + PublicUrlPolicy.HTTP_URL_REGEX
                        + "' AND mg_output_url !~* '" + PublicUrlPolicy.SIGNED_QUERY_REGEX + "')");
        assertThat(PublicUrlPolicy.SIGNED_QUERY_REGEX + PublicUrlPolicy.HTTP_URL_REGEX)
                .doesNotContain("'");
        assertThatThrownBy(() -> PublicUrlPolicy.sqlCheck("x; drop table y"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com:99999/p.png", "https://example.com:65536/p.png"})
    void refusesAPortNoComputerHas(String url) {
        assertThat(PublicUrlPolicy.refusal(url))
                .as(url)
                .hasValueSatisfying(reason -> assertThat(reason).contains("port"));
    }
}
