package me.minav3.mma.assets;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.regex.Pattern;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;

/**
 * Where an asset lives in the store. Keys are built only from ids the product made, never from user-supplied
 * names: {@code mma/still/<generation>.<ext>}, {@code mma/video/<generation>.mp4},
 * {@code uploads/<kind>/<pass-id-safe>/<yyyy>/<mm>/<uuid>.<ext>}.
 */
public record AssetKey(String value) {

    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_.-]*)*");

    public AssetKey {
        Objects.requireNonNull(value, "asset key");
        if (value.length() > 512 || !SAFE.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException("not a safe asset key: '" + value + "'");
        }
    }

    public static AssetKey still(GenerationId generation, MediaType type) {
        return new AssetKey(
                "mma/still/" + generation.value().toLowerCase(java.util.Locale.ROOT) + "." + type.extension());
    }

    public static AssetKey video(GenerationId generation) {
        return new AssetKey("mma/video/" + generation.value().toLowerCase(java.util.Locale.ROOT) + ".mp4");
    }

    public static AssetKey upload(AssetKind kind, PassId owner, Instant at, String uuid, MediaType type) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        return new AssetKey("uploads/%s/%s/%04d/%02d/%s.%s"
                .formatted(
                        kind.wire(),
                        owner.safeSegment().toLowerCase(java.util.Locale.ROOT),
                        utc.getYear(),
                        utc.getMonthValue(),
                        uuid.toLowerCase(java.util.Locale.ROOT),
                        type.extension()));
    }

    /** The prefix of every {@link #upload} key of this kind and owner (an account's uploads, for export and deletion). */
    public static String uploadsPrefix(AssetKind kind, PassId owner) {
        return "uploads/%s/%s/".formatted(kind.wire(), owner.safeSegment().toLowerCase(java.util.Locale.ROOT));
    }

    /** The prefix of the {@link #still} and {@link #video} keys of one generation in {@code mode}'s folder. */
    public static String outputsPrefix(GenerationId generation, boolean video) {
        return (video ? "mma/video/" : "mma/still/") + generation.value().toLowerCase(java.util.Locale.ROOT) + ".";
    }

    @Override
    public String toString() {
        return value;
    }
}
