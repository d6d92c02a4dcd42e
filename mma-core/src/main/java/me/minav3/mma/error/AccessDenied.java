package me.minav3.mma.error;

/** The caller is not signed in, or not allowed to do this. */
public final class AccessDenied extends MinaException {

    /** Not signed in (HTTP 401) or signed in without the right (HTTP 403). */
    public enum Reason {
        UNAUTHENTICATED,
        FORBIDDEN
    }

    private final Reason reason;

    public AccessDenied(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
