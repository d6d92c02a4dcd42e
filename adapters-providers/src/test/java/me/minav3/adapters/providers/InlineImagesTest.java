package me.minav3.adapters.providers;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InlineImagesTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:8080/assets/a.png",
                "http://app.localhost/a.png",
                "http://127.0.0.1/a.png",
                "http://10.1.2.3/a.png",
                "http://172.16.0.9/a.png",
                "http://192.168.1.20/a.png",
                "http://169.254.169.254/a",
                "http://100.64.0.1/a.png",
                "http://[::1]:8080/a.png",
                "http://[fd12:3456::1]/a.png",
                "http://minio:9000/a.png",
                "http://printer.local/a.png",
                "http://0.0.0.0/a.png",
                "file:///tmp/a.png",
                "not a url"
            })
    void autoInlinesImagesAProviderCannotFetch(String url) {
        assertThat(InlineImages.isPublic(url)).isFalse();
        assertThat(InlineImages.from(Map.of()).inline(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://assets.minav3.me/p/a.png",
                "https://pub-1.r2.dev/a.png",
                "http://8.8.8.8/a.png",
                "https://[2606:4700::1111]/a.png"
            })
    void autoSendsPublicUrlsAsTheyAre(String url) {
        assertThat(InlineImages.isPublic(url)).isTrue();
        assertThat(InlineImages.from(obj("inline_images", "auto")).inline(url)).isFalse();
    }

    @Test
    void alwaysAndNeverOverrideTheHostCheck() {
        assertThat(InlineImages.from(obj("inline_images", "always")).inline("https://assets.minav3.me/a.png"))
                .isTrue();
        assertThat(InlineImages.from(obj("inline_images", "never")).inline("http://localhost/a.png"))
                .isFalse();
        assertThat(InlineImages.from(obj("inline_images", "sometimes")).inline("http://localhost/a.png"))
                .isTrue();
    }

    @Test
    void namesTheImageTypeByItsMagicBytes() {
        assertThat(InlineImages.contentType(ProviderContractTest.PNG)).isEqualTo("image/png");
        assertThat(InlineImages.contentType(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}))
                .isEqualTo("image/jpeg");
        assertThat(InlineImages.contentType("GIF89a".getBytes())).isEqualTo("image/gif");
        assertThat(InlineImages.contentType("RIFF\0\0\0\0WEBPVP8 ".getBytes())).isEqualTo("image/webp");
        assertThat(InlineImages.contentType("hello".getBytes())).isEqualTo("application/octet-stream");
    }
}
