package me.minav3.mma.error;

/** The database or the asset store could not be reached or refused a write for a reason that is not the caller's. */
public final class StorageFailure extends MinaException {

    public StorageFailure(String message) {
        super(message);
    }

    public StorageFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
