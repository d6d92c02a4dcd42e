package me.minav3.mma.studio;

import java.time.ZoneOffset;
import java.util.Locale;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.Generations;

/**
 * Issue 24.2, decision 031: the owner downloads a finished generation's media. The bytes come from the asset store
 * (R2 or the local directory, never over HTTP from the public URL), so the browser gets them from the app's own
 * origin with a file name; each download records one {@code download} event, which feeds the taste profile.
 */
public final class DownloadGeneration {

    /** The media to send, and the file name to offer ({@code minav3-2026-12-05-1a2b3c4d.jpg}: ASCII, no quoting). */
    public record Download(String fileName, String contentType, byte[] bytes) {}

    private final Generations generations;
    private final AssetStore assets;
    private final RecordEvent events;

    public DownloadGeneration(Generations generations, AssetStore assets, RecordEvent events) {
        this.generations = generations;
        this.assets = assets;
        this.events = events;
    }

    public Download download(PassId passId, GenerationId id) {
        Generation generation = generations.findOwned(id, passId);
        AssetKey key = keyOf(generation);
        byte[] bytes = assets.read(key).orElseThrow(() -> noMedia(id));
        MediaType type = typeOf(key);
        events.record(passId, id, EventType.DOWNLOAD, null);
        return new Download(fileName(generation, type), type.contentType(), bytes);
    }

    private AssetKey keyOf(Generation generation) {
        String stored = generation.outputKey();
        if (stored != null && !stored.isBlank()) {
            try {
                return new AssetKey(stored);
            } catch (IllegalArgumentException e) {
                throw noMedia(generation.id());
            }
        }
        String url = generation.outputUrl();
        if (url == null) {
            throw noMedia(generation.id());
        }
        return assets.keyOf(url).orElseThrow(() -> noMedia(generation.id()));
    }

    private static MediaType typeOf(AssetKey key) {
        String value = key.value();
        int dot = value.lastIndexOf('.');
        return MediaType.fromExtension(dot < 0 ? "" : value.substring(dot + 1)).orElse(MediaType.JPEG);
    }

    /** {@code minav3-<day>-<last 8 of the id>.<ext>}: only letters, digits and dashes, safe in any header. */
    static String fileName(Generation generation, MediaType type) {
        String id = generation.id().value().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        String shortId = id.length() > 8 ? id.substring(id.length() - 8) : id;
        String day = generation.createdAt().atZone(ZoneOffset.UTC).toLocalDate().toString();
        return "minav3-" + day + "-" + shortId + "." + type.extension();
    }

    private static NotFound noMedia(GenerationId id) {
        return new NotFound("generation " + id.mgId() + " has no media to download");
    }
}
