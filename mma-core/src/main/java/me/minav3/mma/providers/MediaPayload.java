package me.minav3.mma.providers;

import java.net.URI;
import java.util.Objects;

/** A provider's output: the bytes themselves, or a temporary URL that must be downloaded and stored at once. */
public sealed interface MediaPayload {

    record Bytes(byte[] data) implements MediaPayload {
        public Bytes {
            Objects.requireNonNull(data, "data");
        }
    }

    record Remote(URI url) implements MediaPayload {
        public Remote {
            Objects.requireNonNull(url, "url");
        }
    }
}
