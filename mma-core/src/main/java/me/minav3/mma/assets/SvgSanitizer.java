package me.minav3.mma.assets;

/**
 * Makes an SVG document safe to store and serve (issue 23, decision 042): it is rebuilt from an allow-list of
 * drawing elements and attributes, so nothing that runs or fetches survives — no {@code script}, no event handler
 * ({@code on*}), no {@code foreignObject}, no {@code style} element, no reference outside the document (an
 * {@code href} or {@code url(…)} must point at {@code #id}), no DOCTYPE or entity. It runs on the way in (a
 * provider's or the local tracer's result, before it is stored) and on the way out (before it is served), and the
 * server still sends every SVG as {@code image/svg+xml} with a sandboxing Content-Security-Policy, never inline.
 */
public interface SvgSanitizer {

    /**
     * The safe document, UTF-8. Throws {@link me.minav3.mma.error.InvalidUpload} when the bytes are not a
     * well-formed SVG document (wrong root, DOCTYPE, not XML, too big): such bytes are never stored.
     */
    byte[] sanitize(byte[] svg);
}
