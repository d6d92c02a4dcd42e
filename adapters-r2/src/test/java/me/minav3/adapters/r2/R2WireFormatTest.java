package me.minav3.adapters.r2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.testing.SampleMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** R2 refuses aws-chunked bodies with trailing checksums; the store's client must not send them. */
class R2WireFormatTest {

    private static final String BUCKET = "wire";
    private static InProcessS3 server;

    /** Every request's method, path and headers (lower-cased names), as the SDK hands it to the HTTP client. */
    private static final class Recorder implements ExecutionInterceptor {
        final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();

        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            Map<String, String> headers = context.httpRequest().headers().entrySet().stream()
                    .collect(Collectors.toMap(
                            e -> e.getKey().toLowerCase(Locale.ROOT), e -> String.join(",", e.getValue())));
            headers.put(":method", context.httpRequest().method().name());
            headers.put(
                    ":path",
                    context.httpRequest().encodedPath() + "?"
                            + context.httpRequest().rawQueryParameters().keySet());
            requests.add(headers);
        }
    }

    @BeforeAll
    static void startServer() throws Exception {
        server = new InProcessS3();
        try (S3Client client = server.client()) {
            client.createBucket(b -> b.bucket(BUCKET));
        }
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void uploadsCarryNoChunkedEncodingAndNoTrailingChecksums() {
        Recorder recorder = new Recorder();
        R2Settings settings = server.settings(BUCKET, "https://cdn.example.com");
        S3Client client = R2AssetStore.clientFor(settings)
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .build();
        try (R2AssetStore store = new R2AssetStore(client, settings)) {
            store.put(
                    AssetKey.still(new GenerationId("wire-small"), MediaType.PNG),
                    SampleMedia.png(4, 4),
                    MediaType.PNG);
            store.put(AssetKey.video(new GenerationId("wire-large")), new byte[17 * 1024 * 1024], MediaType.MP4);
        }

        assertThat(recorder.requests).hasSizeGreaterThanOrEqualTo(5);
        assertThat(recorder.requests).allSatisfy(headers -> {
            assertThat(headers)
                    .doesNotContainKeys(
                            "x-amz-trailer", "x-amz-sdk-checksum-algorithm", "x-amz-decoded-content-length");
            assertThat(headers.keySet()).noneMatch(name -> name.startsWith("x-amz-checksum-"));
            assertThat(headers.getOrDefault("content-encoding", "")).doesNotContain("aws-chunked");
            assertThat(headers.getOrDefault("x-amz-content-sha256", "")).doesNotStartWith("STREAMING-");
        });
        assertThat(recorder.requests)
                .anySatisfy(headers -> assertThat(headers.get(":path")).contains("uploadId"));
    }

    @Test
    void theSdkDefaultsWouldSendTrailingChecksums() {
        Recorder recorder = new Recorder();
        try (S3Client defaults = S3Client.builder()
                .endpointOverride(server.endpoint())
                .region(software.amazon.awssdk.regions.Region.of("auto"))
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        InProcessS3.ACCESS_KEY, InProcessS3.SECRET_KEY))
                .forcePathStyle(true)
                .overrideConfiguration(c -> c.addExecutionInterceptor(recorder))
                .build()) {
            defaults.putObject(b -> b.bucket(BUCKET).key("defaults.png"), RequestBody.fromBytes(SampleMedia.png(4, 4)));
        }

        assertThat(recorder.requests)
                .singleElement()
                .satisfies(headers -> assertThat(headers.keySet())
                        .anyMatch(name -> name.startsWith("x-amz-checksum-")
                                || name.equals("x-amz-trailer")
                                || name.equals("x-amz-sdk-checksum-algorithm")));
    }
}
