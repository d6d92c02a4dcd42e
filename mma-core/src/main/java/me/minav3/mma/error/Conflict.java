package me.minav3.mma.error;

/** The request is valid but the current state does not allow it (e.g. tweaking an unfinished generation). */
public final class Conflict extends MinaException {

    public Conflict(String message) {
        super(message);
    }
}
