package me.minav3.mma.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PublicBaseUrlTest {

    @Test
    void dropsTrailingSlashes() {
        PublicBaseUrl base = new PublicBaseUrl(" https://pub-1.r2.dev/ ");

        assertThat(base.value()).isEqualTo("https://pub-1.r2.dev");
        assertThat(base.urlOf(new AssetKey("mma/video/g1.mp4"))).isEqualTo("https://pub-1.r2.dev/mma/video/g1.mp4");
    }

    @Test
    void refusesABaseThatIsNotAPlainPublicUrl() {
        assertThatThrownBy(() -> new PublicBaseUrl("https://cdn.example.com/a?X-Amz-Signature=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PublicBaseUrl("https://cdn.example.com/a?v=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PublicBaseUrl("s3://bucket")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keyOfAcceptsOnlySafeKeysDirectlyUnderTheBase() {
        PublicBaseUrl base = new PublicBaseUrl("http://localhost:8080/assets");

        assertThat(base.keyOf("http://localhost:8080/assets/mma/still/g1.png"))
                .contains(new AssetKey("mma/still/g1.png"));
        assertThat(base.keyOf("http://localhost:8080/assetsx/mma/still/g1.png")).isEmpty();
        assertThat(base.keyOf("http://localhost:8080/assets/mma/still/g1.png?token=1"))
                .isEmpty();
        assertThat(base.keyOf("http://localhost:8080/assets/mma//g1.png")).isEmpty();
        assertThat(base.keyOf("http://localhost:8080/assets/MMA/still/g1.png")).isEmpty();
    }
}
