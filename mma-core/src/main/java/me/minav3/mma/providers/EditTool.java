package me.minav3.mma.providers;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The six edit tools a user runs on a still or an upload (issue 23). Each takes the source image; what else it
 * needs is stated per constant and checked by {@link EditJob}:
 *
 * <ul>
 *   <li>{@link #ERASER}: a mask; removes what the mask covers and fills it from its surroundings (no prompt).
 *   <li>{@link #INPAINT}: a mask and a prompt; fills what the mask covers with what the prompt describes.
 *   <li>{@link #EXPAND}: an {@link EditCanvas}; a bigger canvas with the source placed on it, the new border made
 *       from the source's edges (an optional prompt guides it).
 *   <li>{@link #REMOVE_BACKGROUND}: nothing else; the subject kept, the background made transparent (alpha).
 *   <li>{@link #UPSCALE}: a scale of 2 or 4; both sides multiplied by it.
 *   <li>{@link #VECTORIZE}: nothing else; the image traced into an SVG document.
 * </ul>
 */
public enum EditTool {
    ERASER("eraser", true, false),
    INPAINT("inpaint", true, true),
    EXPAND("expand", false, false),
    REMOVE_BACKGROUND("remove-background", false, false),
    UPSCALE("upscale", false, false),
    VECTORIZE("vectorize", false, false);

    private final String wire;
    private final boolean needsMask;
    private final boolean needsPrompt;

    EditTool(String wire, boolean needsMask, boolean needsPrompt) {
        this.wire = wire;
        this.needsMask = needsMask;
        this.needsPrompt = needsPrompt;
    }

    /** The name on the wire, in config keys, in the CLI and in the document: {@code remove-background}. */
    public String wire() {
        return wire;
    }

    /** Whether a run needs a mask (eraser and inpaint). */
    public boolean needsMask() {
        return needsMask;
    }

    /** Whether a run needs a non-blank prompt (inpaint). */
    public boolean needsPrompt() {
        return needsPrompt;
    }

    /** Whether the result is an SVG document rather than a PNG. */
    public boolean makesSvg() {
        return this == VECTORIZE;
    }

    /** The content type of every result of this tool: {@code image/svg+xml} for vectorize, else {@code image/png}. */
    public String resultContentType() {
        return makesSvg() ? EditedImage.SVG : EditedImage.PNG;
    }

    /** The tool of a wire name (case-insensitive, {@code _} taken as {@code -}), or empty. */
    public static Optional<EditTool> fromWire(String text) {
        String wanted =
                text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(t -> t.wire.equals(wanted)).findFirst();
    }

    /** The wire names, comma-separated, for error messages and help. */
    public static String known() {
        return Arrays.stream(values()).map(EditTool::wire).collect(Collectors.joining(", "));
    }
}
