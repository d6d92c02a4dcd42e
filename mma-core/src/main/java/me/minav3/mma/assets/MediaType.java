package me.minav3.mma.assets;

import java.util.Arrays;
import java.util.Optional;

/** The media types the product stores; decided by sniffing bytes, never by a file name or a client header. */
public enum MediaType {
    PNG("image/png", "png", false),
    JPEG("image/jpeg", "jpg", false),
    WEBP("image/webp", "webp", false),
    GIF("image/gif", "gif", false),
    MP4("video/mp4", "mp4", true),
    /** A vectorized edit (decision 045): stored only after {@link SvgSanitizer}, never accepted as an upload. */
    SVG("image/svg+xml", "svg", false);

    private final String contentType;
    private final String extension;
    private final boolean video;

    MediaType(String contentType, String extension, boolean video) {
        this.contentType = contentType;
        this.extension = extension;
        this.video = video;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    public boolean isVideo() {
        return video;
    }

    public static Optional<MediaType> fromExtension(String extension) {
        return Arrays.stream(values())
                .filter(t -> t.extension.equalsIgnoreCase(extension))
                .findFirst();
    }
}
