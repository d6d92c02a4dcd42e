package me.minav3.mma.assets;

import static me.minav3.mma.common.Json.obj;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UploadLimitsTest {

    @Test
    void defaultsComeFromTheSeededConfig() {
        UploadLimits limits = UploadLimits.DEFAULTS;

        assertThat(limits.maxBytes()).isEqualTo(25L * 1024 * 1024);
        assertThat(limits.maxPixels()).isEqualTo(50_000_000L);
        assertThat(limits.maxRedirects()).isEqualTo(3);
        assertThat(limits.fetchTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(limits.maxOutputBytes()).isEqualTo(200L * 1024 * 1024);
    }

    @Test
    void aPublishedValueOverridesFieldByField() {
        UploadLimits limits =
                UploadLimits.fromConfig(obj("max_bytes", 1024, "max_redirects", 0, "fetch_timeout_ms", "1500"));

        assertThat(limits.maxBytes()).isEqualTo(1024);
        assertThat(limits.maxRedirects()).isZero();
        assertThat(limits.fetchTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(limits.maxPixels()).isEqualTo(UploadLimits.DEFAULTS.maxPixels());
    }

    @Test
    void malformedOrNonPositiveFieldsKeepTheirDefaults() {
        UploadLimits limits = UploadLimits.fromConfig(
                obj("max_bytes", -5, "max_pixels", "lots", "max_redirects", 99, "fetch_timeout_ms", 0));

        assertThat(limits).isEqualTo(UploadLimits.DEFAULTS);
        assertThat(UploadLimits.fromConfig(null)).isEqualTo(UploadLimits.DEFAULTS);
    }

    @Test
    void importsAndOutputsHaveTheirOwnSizeLimits() {
        UploadLimits limits = UploadLimits.DEFAULTS;

        assertThat(limits.forImports())
                .isEqualTo(new MediaFetcher.Limits(limits.maxBytes(), 3, Duration.ofSeconds(30)));
        assertThat(limits.forOutputs().maxBytes()).isEqualTo(limits.maxOutputBytes());
    }

    @Test
    void describesSizesForPeople() {
        assertThat(UploadLimits.describeBytes(25L * 1024 * 1024)).isEqualTo("25 MB");
        assertThat(UploadLimits.describeBytes(1536L * 1024)).isEqualTo("1.5 MB");
        assertThat(UploadLimits.describeBytes(4096)).isEqualTo("4 KB");
        assertThat(UploadLimits.describeBytes(100)).isEqualTo("100 bytes");
    }
}
