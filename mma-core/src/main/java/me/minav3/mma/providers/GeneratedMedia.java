package me.minav3.mma.providers;

import java.util.Objects;
import me.minav3.mma.common.ProviderTrace;

/** What an image or video generator returned: the media, which provider and model made it, and the trace. */
public record GeneratedMedia(MediaPayload media, String provider, String model, ProviderTrace trace) {

    public GeneratedMedia {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(provider, "provider");
        trace = trace == null ? ProviderTrace.EMPTY : trace;
    }
}
