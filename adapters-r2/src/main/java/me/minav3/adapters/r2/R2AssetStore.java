package me.minav3.adapters.r2;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.assets.PublicBaseUrl;
import me.minav3.mma.assets.StorageHealth;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.error.StorageFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Assets in a Cloudflare R2 bucket through the S3 API. Objects are written with their sniffed content type and
 * immutable caching; objects above the multipart threshold (videos) go up in parts. URLs are the bucket's public
 * base plus the key: permanent, never presigned.
 */
final class R2AssetStore implements AssetStore, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(R2AssetStore.class);

    /** How long a health check may take, retries included. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(5);

    private final S3Client s3;
    private final String bucket;
    private final String endpoint;
    private final PublicBaseUrl base;
    private final long multipartThreshold;
    private final int partSize;

    R2AssetStore(S3Client s3, R2Settings settings) {
        this.s3 = s3;
        this.bucket = settings.bucket();
        this.endpoint = settings.endpointUri().toString();
        this.base = new PublicBaseUrl(settings.publicBaseUrl());
        this.multipartThreshold = settings.multipartThresholdBytes();
        this.partSize = settings.partSizeBytes();
    }

    /**
     * Region {@code auto}, path-style addressing, no aws-chunked uploads, and checksums only where the API
     * requires them: R2 rejects the trailing checksums the SDK sends by default.
     */
    static S3ClientBuilder clientFor(R2Settings settings) {
        return S3Client.builder()
                .endpointOverride(settings.endpointUri())
                .region(Region.of("auto"))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())))
                .forcePathStyle(true)
                .serviceConfiguration(
                        S3Configuration.builder().chunkedEncodingEnabled(false).build())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(Apache5HttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(60))
                        .maxConnections(32));
    }

    @Override
    public String name() {
        return "r2";
    }

    @Override
    public StoredAsset put(AssetKey key, byte[] bytes, MediaType type) {
        try {
            if (bytes.length > multipartThreshold) {
                putInParts(key, bytes, type);
            } else {
                s3.putObject(
                        b -> b.bucket(bucket)
                                .key(key.value())
                                .contentType(type.contentType())
                                .cacheControl(AssetStores.CACHE_CONTROL)
                                .contentLength((long) bytes.length),
                        RequestBody.fromBytes(bytes));
            }
        } catch (SdkException e) {
            throw failure("store " + key, e);
        }
        LOG.debug("r2.put key={} bytes={} type={}", key, bytes.length, type.contentType());
        return new StoredAsset(key, publicUrl(key), type, bytes.length);
    }

    private void putInParts(AssetKey key, byte[] bytes, MediaType type) {
        String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket)
                        .key(key.value())
                        .contentType(type.contentType())
                        .cacheControl(AssetStores.CACHE_CONTROL))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int offset = 0, number = 1; offset < bytes.length; offset += partSize, number++) {
                byte[] part = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + partSize));
                int partNumber = number;
                String etag = s3.uploadPart(
                                b -> b.bucket(bucket)
                                        .key(key.value())
                                        .uploadId(uploadId)
                                        .partNumber(partNumber)
                                        .contentLength((long) part.length),
                                RequestBody.fromBytes(part))
                        .eTag();
                parts.add(CompletedPart.builder()
                        .partNumber(partNumber)
                        .eTag(etag)
                        .build());
            }
            s3.completeMultipartUpload(
                    b -> b.bucket(bucket).key(key.value()).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
            LOG.info("r2.multipart_put key={} bytes={} parts={}", key, bytes.length, parts.size());
        } catch (RuntimeException e) {
            abortQuietly(key, uploadId);
            throw e;
        }
    }

    private void abortQuietly(AssetKey key, String uploadId) {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key.value()).uploadId(uploadId));
        } catch (SdkException e) {
            LOG.warn("r2.multipart_abort_failed key={} error={}", key, e.getMessage());
        }
    }

    @Override
    public Optional<byte[]> read(AssetKey key) {
        try {
            return Optional.of(
                    s3.getObjectAsBytes(b -> b.bucket(bucket).key(key.value())).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("read " + key, e);
        } catch (SdkException e) {
            throw failure("read " + key, e);
        }
    }

    /** {@code ListObjectsV2} page by page. */
    @Override
    public List<AssetKey> list(String prefix) {
        try {
            List<AssetKey> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix))
                    .contents()
                    .forEach(object -> keys.add(new AssetKey(object.key())));
            keys.sort(java.util.Comparator.comparing(AssetKey::value));
            return keys;
        } catch (SdkException e) {
            throw failure("list " + prefix, e);
        }
    }

    /** {@code DeleteObject}: S3 answers 204 for a key that is not there, so a repeat is safe. */
    @Override
    public void delete(AssetKey key) {
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(key.value()));
        } catch (NoSuchKeyException e) {
            // already gone
        } catch (SdkException e) {
            throw failure("delete " + key, e);
        }
    }

    /** {@code HeadBucket}: the bucket exists and the credentials may use it; at most {@link #CHECK_TIMEOUT}. */
    @Override
    public StorageHealth check() {
        try {
            s3.headBucket(b -> b.bucket(bucket).overrideConfiguration(o -> o.apiCallTimeout(CHECK_TIMEOUT)));
            return StorageHealth.ok("bucket " + bucket + " at " + endpoint);
        } catch (S3Exception e) {
            int status = e.statusCode();
            if (status == 404) {
                return new StorageHealth(
                        StorageHealth.Status.MISCONFIGURED,
                        "the bucket " + bucket + " does not exist at " + endpoint + " (R2_BUCKET)");
            }
            if (status == 401 || status == 403) {
                return new StorageHealth(
                        StorageHealth.Status.MISCONFIGURED,
                        "the bucket " + bucket + " at " + endpoint
                                + " refused the credentials (HTTP " + status
                                + "): check R2_ACCESS_KEY_ID, R2_SECRET_ACCESS_KEY"
                                + " and the token's permissions on the bucket");
            }
            if (status >= 400 && status < 500) {
                return new StorageHealth(
                        StorageHealth.Status.MISCONFIGURED,
                        "the bucket " + bucket + " at " + endpoint + " refused the check (HTTP " + status + "): "
                                + sdkMessage(e));
            }
            return new StorageHealth(
                    StorageHealth.Status.UNREACHABLE,
                    "the storage at " + endpoint + " answered HTTP " + status + ": " + sdkMessage(e));
        } catch (SdkException e) {
            return new StorageHealth(
                    StorageHealth.Status.UNREACHABLE,
                    "the storage at " + endpoint + " did not answer: " + sdkMessage(e));
        }
    }

    /** The fault with every detail an operator needs, logged here: callers show users only a plain line. */
    private StorageFailure failure(String what, SdkException e) {
        String detail = "Could not " + what + " in bucket " + bucket + " at " + endpoint + ": " + sdkMessage(e);
        LOG.warn(
                "r2.failed operation=\"{}\" bucket={} endpoint={} error=\"{}\"", what, bucket, endpoint, sdkMessage(e));
        return new StorageFailure(detail, e);
    }

    private static String sdkMessage(SdkException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public String publicUrl(AssetKey key) {
        return base.urlOf(key);
    }

    @Override
    public Optional<AssetKey> keyOf(String url) {
        return base.keyOf(url);
    }

    @Override
    public void close() {
        s3.close();
    }
}
