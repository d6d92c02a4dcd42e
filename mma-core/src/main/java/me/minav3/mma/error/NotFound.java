package me.minav3.mma.error;

/** The thing asked for does not exist, or is not the caller's to see. */
public final class NotFound extends MinaException {

    public NotFound(String message) {
        super(message);
    }
}
