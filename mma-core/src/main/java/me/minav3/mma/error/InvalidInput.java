package me.minav3.mma.error;

/** The caller sent something that cannot be accepted; nothing was written. */
public sealed class InvalidInput extends MinaException permits InvalidUpload {

    public InvalidInput(String message) {
        super(message);
    }

    public InvalidInput(String message, Throwable cause) {
        super(message, cause);
    }
}
