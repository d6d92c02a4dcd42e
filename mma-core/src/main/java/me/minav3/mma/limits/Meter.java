package me.minav3.mma.limits;

/** What a per-customer limit counts; {@code wire} names it in config and in the stored counters. */
public enum Meter {
    CREATES("creates", "creates"),
    SUGGESTIONS("suggestions", "\"Type for me\" suggestions"),
    /** Every suggestion ever (one window that never ends): which block of the optional price a use falls in. */
    SUGGESTIONS_EVER("suggestions_ever", "\"Type for me\" suggestions ever"),
    UPLOADS("uploads", "uploads"),
    UPLOAD_BYTES("upload_bytes", "uploaded bytes"),
    URL_IMPORTS("url_imports", "imports from a link");

    private final String wire;
    private final String words;

    Meter(String wire, String words) {
        this.wire = wire;
        this.words = words;
    }

    public String wire() {
        return wire;
    }

    /** How a person would say it: "10 creates per minute". */
    public String words() {
        return words;
    }
}
