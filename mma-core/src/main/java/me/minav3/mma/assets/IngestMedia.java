package me.minav3.mma.assets;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import me.minav3.mma.assets.MediaSniffer.Sniffed;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import me.minav3.mma.common.ProviderTrace;
import me.minav3.mma.error.InvalidUpload;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.MediaPayload;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way media enters the asset store: a multipart upload, a pasted link, or a provider's output. Every path
 * sniffs the bytes, enforces the limits, names the object from ids the product made, and stores it; refused input
 * stores nothing. Also reads stored (or linked) images back for providers and scanners.
 */
public final class IngestMedia {

    private static final Logger LOG = LoggerFactory.getLogger(IngestMedia.class);
    private static final String IMAGES_ONLY = "Please use a PNG, JPEG, WebP or GIF image; videos cannot be uploaded.";

    private final AssetStore store;
    private final MediaFetcher fetcher;
    private final Supplier<UploadLimits> limits;
    private final Clock clock;
    private final IdGenerator ids;
    private final MediaSniffer sniffer = new MediaSniffer();

    /** @param limits read on every call, so a published {@code mma.uploads} takes effect without a restart */
    public IngestMedia(
            AssetStore store, MediaFetcher fetcher, Supplier<UploadLimits> limits, Clock clock, IdGenerator ids) {
        this.store = Objects.requireNonNull(store, "store");
        this.fetcher = Objects.requireNonNull(fetcher, "fetcher");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /** The limits in force now ({@code mma.uploads}). */
    public UploadLimits limits() {
        return limits.get();
    }

    /** Stores an uploaded image under {@code uploads/<kind>/<owner>/<yyyy>/<mm>/<uuid>.<ext>}. */
    public StoredAsset upload(PassId owner, AssetKind kind, byte[] bytes) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(kind, "kind");
        UploadLimits current = limits.get();
        Sniffed sniffed = checkImage(bytes, current);
        byte[] image = imageOnly(bytes, sniffed, current);
        AssetKey key = AssetKey.upload(kind, owner, clock.now(), ids.newId(), sniffed.type());
        StoredAsset stored = store.put(key, image, sniffed.type());
        LOG.info(
                "asset.uploaded key={} type={} bytes={} width={} height={} dropped_after_end={}",
                key,
                sniffed.type(),
                image.length,
                sniffed.width(),
                sniffed.height(),
                bytes.length - image.length);
        return stored;
    }

    /**
     * The image without whatever follows its end (decision 019), sniffed again when something was cut so that
     * the markup check also sees the new tail.
     */
    private byte[] imageOnly(byte[] bytes, Sniffed sniffed, UploadLimits current) {
        int end = ImageEnd.of(sniffed.type(), bytes);
        if (end == bytes.length) {
            return bytes;
        }
        byte[] image = java.util.Arrays.copyOf(bytes, end);
        sniffer.sniff(image, current.maxPixels());
        return image;
    }

    /**
     * Downloads a pasted link through the safe fetcher and stores it like an upload. A link already under this
     * store is not copied again: its stored asset is returned.
     */
    public StoredAsset importUrl(PassId owner, AssetKind kind, URI url) {
        Objects.requireNonNull(url, "url");
        Optional<AssetKey> own = store.keyOf(url.toString());
        if (own.isPresent()) {
            return existing(own.get());
        }
        PublicUrlPolicy.refusal(url.toString()).ifPresent(reason -> {
            throw new InvalidUpload(reason);
        });
        UploadLimits current = limits.get();
        MediaFetcher.Result result = fetcher.fetch(url, current.forImports());
        if (result instanceof MediaFetcher.NotFetched failed) {
            LOG.info(
                    "asset.import_refused host={} problem={} detail={}",
                    url.getHost(),
                    failed.problem(),
                    failed.detail());
            throw new InvalidUpload(linkProblem(failed, current));
        }
        return upload(owner, kind, ((MediaFetcher.Fetched) result).bytes());
    }

    /**
     * Stores a provider's output as {@code mma/still/<id>.<ext>} or {@code mma/video/<id>.mp4}; failures name the
     * provider that made it. See {@link #storeOutput(GenerationId, MmaMode, MediaPayload)}.
     */
    public StoredAsset storeOutput(GenerationId id, MmaMode mode, GeneratedMedia media) {
        return storeOutput(id, mode, media.media(), media.provider());
    }

    /**
     * Stores a provider's output. An output URL that cannot be downloaded (expired, 403, 404, too slow) is a
     * {@link ProviderFailure} of kind {@code OUTPUT_UNAVAILABLE}; bytes that are not the expected image or MP4 are
     * a {@code MALFORMED_REPLY}: both are the provider's fault, so the generation fails and is refunded.
     */
    public StoredAsset storeOutput(GenerationId id, MmaMode mode, MediaPayload payload) {
        return storeOutput(id, mode, payload, "provider");
    }

    private StoredAsset storeOutput(GenerationId id, MmaMode mode, MediaPayload payload, String provider) {
        Objects.requireNonNull(id, "generation id");
        Objects.requireNonNull(mode, "mode");
        UploadLimits current = limits.get();
        byte[] bytes = bytesOf(payload, current, provider);
        Sniffed sniffed = checkOutput(bytes, mode, current, provider);
        AssetKey key = mode == MmaMode.VIDEO ? AssetKey.video(id) : AssetKey.still(id, sniffed.type());
        StoredAsset stored = store.put(key, bytes, sniffed.type());
        LOG.info(
                "asset.output_stored key={} type={} bytes={} provider={}", key, sniffed.type(), bytes.length, provider);
        return stored;
    }

    /**
     * Stores an edit tool's result (decision 045) as {@code mma/still/<id>.png} (or the raster type the bytes are)
     * or, for an SVG, {@code mma/still/<id>.svg} after {@code sanitizer} rebuilt it. The type is decided by the
     * bytes, never by the adapter's word; a result that is not what the tool makes ({@code svg}: an SVG document,
     * else a raster image) or that the sanitiser refuses is a {@code MALFORMED_REPLY} of {@code provider}.
     */
    public StoredAsset storeEdit(
            GenerationId id, MediaPayload payload, boolean svg, SvgSanitizer sanitizer, String provider) {
        if (!svg) {
            return storeOutput(id, MmaMode.STILL, payload, provider); // a raster result is stored as any still
        }
        Objects.requireNonNull(id, "generation id");
        UploadLimits current = limits.get();
        byte[] bytes = bytesOf(payload, current, provider);
        byte[] safe;
        try {
            if (bytes.length > current.maxOutputBytes()) {
                throw new InvalidUpload("it is larger than " + UploadLimits.describeBytes(current.maxOutputBytes()));
            }
            safe = sanitizer.sanitize(bytes);
        } catch (InvalidUpload refused) {
            throw new ProviderFailure(
                    provider,
                    ProviderFailure.Kind.MALFORMED_REPLY,
                    "The SVG the provider returned cannot be stored: " + refused.getMessage(),
                    new ProviderTrace(Map.of(), Map.of("output_bytes", bytes.length), List.of()),
                    refused);
        }
        AssetKey key = AssetKey.still(id, MediaType.SVG);
        StoredAsset stored = store.put(key, safe, MediaType.SVG);
        LOG.info(
                "asset.edit_stored key={} type={} bytes={} sanitised_from={} provider={}",
                key,
                MediaType.SVG,
                safe.length,
                bytes.length,
                provider);
        return stored;
    }

    /**
     * The bytes of an image by URL: read from the store when the URL is under its public base, otherwise
     * downloaded through the safe fetcher and checked like an import.
     */
    public byte[] readImage(String url) {
        Optional<AssetKey> own = store.keyOf(url);
        if (own.isPresent()) {
            return store.read(own.get()).orElseThrow(() -> new NotFound("The image " + url + " is not in the store."));
        }
        URI uri = parse(url);
        UploadLimits current = limits.get();
        MediaFetcher.Result result = fetcher.fetch(uri, current.forImports());
        if (result instanceof MediaFetcher.NotFetched failed) {
            throw new InvalidUpload(linkProblem(failed, current));
        }
        byte[] bytes = ((MediaFetcher.Fetched) result).bytes();
        checkImage(bytes, current);
        return bytes;
    }

    /** A provider input for a stored or linked image; its bytes are read once, on first use. */
    public ImageRef imageRef(String url) {
        return new ImageRef(url, new Once(() -> readImage(url)));
    }

    /** A provider's output bytes: as given, or downloaded from its temporary URL within the output limits. */
    private byte[] bytesOf(MediaPayload payload, UploadLimits current, String provider) {
        return switch (payload) {
            case MediaPayload.Bytes inline -> inline.data();
            case MediaPayload.Remote remote -> downloadOutput(remote.url(), current, provider);
        };
    }

    private StoredAsset existing(AssetKey key) {
        byte[] bytes = store.read(key)
                .orElseThrow(() -> new InvalidUpload("That image is no longer available. Please upload it again."));
        Sniffed sniffed = checkImage(bytes, limits.get());
        return new StoredAsset(key, store.publicUrl(key), sniffed.type(), bytes.length);
    }

    private Sniffed checkImage(byte[] bytes, UploadLimits current) {
        if (bytes != null && bytes.length > current.maxBytes()) {
            throw new InvalidUpload("The file is larger than " + UploadLimits.describeBytes(current.maxBytes())
                    + ". Please use a smaller image.");
        }
        Sniffed sniffed = sniffer.sniff(bytes, current.maxPixels());
        if (sniffed.type().isVideo()) {
            throw new InvalidUpload(IMAGES_ONLY);
        }
        return sniffed;
    }

    private Sniffed checkOutput(byte[] bytes, MmaMode mode, UploadLimits current, String provider) {
        try {
            if (bytes.length > current.maxOutputBytes()) {
                throw new InvalidUpload("it is larger than " + UploadLimits.describeBytes(current.maxOutputBytes()));
            }
            Sniffed sniffed = sniffer.sniff(bytes, current.maxPixels());
            if (sniffed.type().isVideo() != (mode == MmaMode.VIDEO)) {
                throw new InvalidUpload("a " + mode.wire() + " was expected but it is "
                        + sniffed.type().contentType());
            }
            return sniffed;
        } catch (InvalidUpload refused) {
            throw new ProviderFailure(
                    provider,
                    ProviderFailure.Kind.MALFORMED_REPLY,
                    "The " + mode.wire() + " the provider returned cannot be stored: " + refused.getMessage(),
                    new ProviderTrace(Map.of(), Map.of("output_bytes", bytes.length), List.of()),
                    refused);
        }
    }

    private byte[] downloadOutput(URI url, UploadLimits current, String provider) {
        MediaFetcher.Result result = fetcher.fetch(url, current.forOutputs());
        if (result instanceof MediaFetcher.Fetched fetched) {
            return fetched.bytes();
        }
        MediaFetcher.NotFetched failed = (MediaFetcher.NotFetched) result;
        LOG.warn(
                "asset.output_unavailable host={} problem={} status={} detail={}",
                url.getHost(),
                failed.problem(),
                failed.httpStatus(),
                failed.detail());
        throw new ProviderFailure(
                provider,
                ProviderFailure.Kind.OUTPUT_UNAVAILABLE,
                "The provider's output could not be downloaded ("
                        + failed.problem().name().toLowerCase(Locale.ROOT)
                        + (failed.httpStatus() > 0 ? " " + failed.httpStatus() : "") + ").",
                new ProviderTrace(
                        Map.of("output_host", String.valueOf(url.getHost())),
                        Map.of("problem", failed.problem().name(), "status", failed.httpStatus()),
                        List.of()));
    }

    /** A readable http(s) link; unlike an import, a signed one is fine here: it is read once and never stored. */
    private static URI parse(String url) {
        Optional<String> refusal = PublicUrlPolicy.refusal(url);
        if (refusal.isPresent() && !PublicUrlPolicy.isSigned(url)) {
            throw new InvalidUpload(refusal.get());
        }
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidUpload("That is not a valid web link.", e);
        }
    }

    private static String linkProblem(MediaFetcher.NotFetched failed, UploadLimits current) {
        return switch (failed.problem()) {
            case UNSUPPORTED_URL -> "Only http and https links can be imported.";
            case NOT_PUBLIC_ADDRESS ->
                "That link points to a private or local network address, which cannot be "
                        + "imported. Please use a public link or upload the file.";
            case UNKNOWN_HOST -> "The website in that link could not be found.";
            case TOO_MANY_REDIRECTS -> "That link redirects too many times.";
            case TOO_LARGE ->
                "The file at that link is larger than " + UploadLimits.describeBytes(current.maxBytes()) + ".";
            case TIMEOUT ->
                "The file at that link took longer than "
                        + current.fetchTimeout().toSeconds() + " seconds to download.";
            case HTTP_ERROR ->
                "That link answered with an error (HTTP " + failed.httpStatus()
                        + "). Check that it opens in a browser.";
            case UNREACHABLE -> "That link could not be reached.";
        };
    }

    /** Computes a value on first use and keeps it; a failure is not kept, so a later call tries again. */
    private static final class Once implements Supplier<byte[]> {
        private final Supplier<byte[]> source;
        private volatile byte @Nullable [] value;

        Once(Supplier<byte[]> source) {
            this.source = source;
        }

        @Override
        public byte[] get() {
            byte[] result = value;
            if (result == null) {
                synchronized (this) {
                    result = value;
                    if (result == null) {
                        result = source.get();
                        value = result;
                    }
                }
            }
            return result;
        }
    }
}
