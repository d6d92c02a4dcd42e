package me.minav3.mma.error;

/** An upload or an imported URL refused by the ingestion rules; the reason is written for the user. */
public final class InvalidUpload extends InvalidInput {

    public InvalidUpload(String message) {
        super(message);
    }

    public InvalidUpload(String message, Throwable cause) {
        super(message, cause);
    }
}
