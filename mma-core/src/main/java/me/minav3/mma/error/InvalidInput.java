package me.minav3.mma.error;

import org.jspecify.annotations.Nullable;

/** The caller sent something that cannot be accepted; nothing was written. */
public sealed class InvalidInput extends MinaException permits InvalidUpload {

    public InvalidInput(@Nullable String message) {
        super(message);
    }

    public InvalidInput(@Nullable String message, Throwable cause) {
        super(message, cause);
    }
}
