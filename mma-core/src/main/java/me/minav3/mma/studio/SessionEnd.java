package me.minav3.mma.studio;

/** Why a studio session ended (spec §9.1): the studio was entered anew, or the user was away too long. */
public enum SessionEnd {
    /** The studio page was loaded or refreshed: the next entry is a fresh session. */
    REENTERED("reentered"),
    /** The fallback: no activity for longer than {@code mma.sessions.idle_minutes}. */
    IDLE("idle");

    private final String value;

    SessionEnd(String value) {
        this.value = value;
    }

    /** As stored and shown. */
    public String value() {
        return value;
    }
}
