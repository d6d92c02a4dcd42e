package me.minav3.mma.providers;

import java.util.Set;

/**
 * Runs edit tools on an image (issue 23): Replicate's Bria, BiRefNet, upscaler and Recraft models, or the local
 * pure-Java tools. Throws {@link me.minav3.mma.error.ProviderFailure} when it cannot (an unreadable source or mask
 * is the caller's input: {@code CLIENT_ERROR}, never retried).
 *
 * <p>An implementation must really apply the job: pixels outside the mask unchanged for eraser and inpaint, the
 * source's pixels kept inside the canvas rectangle for expand, alpha for remove background, the exact scaled size
 * for upscale, a valid SVG for vectorize (see {@link EditJob} and {@link EditedImage} for inputs and outputs).
 */
public interface ImageEditor {

    /** The registry name and {@code mg_provider} value, e.g. {@code replicate}, {@code local}. */
    String name();

    /** The step type prefix: {@code local} gives the step {@code local_edit}. */
    String family();

    /** The tools this editor runs; a job of another tool is a programming error. */
    Set<EditTool> tools();

    EditedImage edit(EditJob job);
}
