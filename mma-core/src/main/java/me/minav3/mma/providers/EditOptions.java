package me.minav3.mma.providers;

import org.jspecify.annotations.Nullable;

/**
 * The options of one edit besides the images; each tool reads only its own (see {@link EditTool}).
 *
 * @param prompt what to paint: required (non-blank) for {@link EditTool#INPAINT}, an optional guide for
 *               {@link EditTool#EXPAND}, null for every other tool
 * @param canvas the expanded canvas: required for {@link EditTool#EXPAND}, null for every other tool
 * @param scale  2 or 4 for {@link EditTool#UPSCALE}, 1 for every other tool
 */
public record EditOptions(@Nullable String prompt, @Nullable EditCanvas canvas, int scale) {

    /** No options: eraser, remove background, vectorize. */
    public static final EditOptions NONE = new EditOptions(null, null, 1);

    public EditOptions {
        prompt = prompt == null || prompt.isBlank() ? null : prompt.strip();
        if (scale != 1 && scale != 2 && scale != 4) {
            throw new IllegalArgumentException("the scale is 2 or 4, was " + scale);
        }
    }

    public static EditOptions prompt(String prompt) {
        return new EditOptions(prompt, null, 1);
    }

    public static EditOptions expand(EditCanvas canvas, @Nullable String prompt) {
        return new EditOptions(prompt, canvas, 1);
    }

    public static EditOptions upscale(int scale) {
        return new EditOptions(null, null, scale);
    }
}
