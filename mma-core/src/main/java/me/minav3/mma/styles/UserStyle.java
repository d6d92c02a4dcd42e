package me.minav3.mma.styles;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A style a user saved from their own uploaded images (kept in their customer row, decision 032). */
public record UserStyle(String id, String name, List<String> referenceUrls, Instant createdAt) {

    public UserStyle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "created at");
        referenceUrls = List.copyOf(referenceUrls);
    }
}
