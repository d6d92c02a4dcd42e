package me.minav3.mma.providers;

import java.util.Map;
import java.util.Objects;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * One edit to run: a tool on a source image, with a mask and options where the tool takes them. A job that does
 * not give its tool what it needs cannot exist (the compact constructor refuses it), so an adapter never checks.
 *
 * <p><b>Source</b>: a PNG, JPEG or WebP image (what the asset store holds), as its permanent URL plus its bytes
 * ({@link ImageRef}); a remote adapter sends the URL (or the bytes inline when the URL is not public), the local
 * one reads the bytes.
 *
 * <p><b>Mask</b> (eraser and inpaint only, null otherwise): a PNG of the source's size in pixels (an adapter scales
 * a mask of another size to the source's with nearest-neighbour sampling). <b>White means edit</b>: a pixel is in
 * the mask when it is opaque (alpha ≥ 128) and light (luma {@code 0.299 R + 0.587 G + 0.114 B} ≥ 128); black,
 * dark or transparent pixels are kept exactly. This is the convention of Bria's models (white = the area to
 * change), so the mask the page paints is sent unchanged. A mask with no white pixel is refused before the job is
 * made (nothing to edit).
 *
 * @param defaults    the adapter's {@code mma.provider.<name>.defaults} config value (e.g. its model per tool)
 * @param providerJob the paid job behind it: started once, resumed when the stage runs again (decision 013)
 */
public record EditJob(
        GenerationId generationId,
        EditTool tool,
        ImageRef source,
        @Nullable ImageRef mask,
        EditOptions options,
        Map<String, Object> defaults,
        ProviderJob providerJob) {

    public EditJob {
        Objects.requireNonNull(generationId, "generation id");
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(options, "options");
        defaults = Json.copy(defaults);
        Objects.requireNonNull(providerJob, "provider job");
        if (tool.needsMask() && mask == null) {
            throw new IllegalArgumentException(tool.wire() + " needs a mask");
        }
        if (!tool.needsMask() && mask != null) {
            throw new IllegalArgumentException(tool.wire() + " takes no mask");
        }
        if (tool.needsPrompt() && options.prompt() == null) {
            throw new IllegalArgumentException(tool.wire() + " needs a prompt");
        }
        if ((tool == EditTool.EXPAND) != (options.canvas() != null)) {
            throw new IllegalArgumentException(
                    tool == EditTool.EXPAND ? "expand needs a canvas" : tool.wire() + " takes no canvas");
        }
        if ((tool == EditTool.UPSCALE) != (options.scale() != 1)) {
            throw new IllegalArgumentException(
                    tool == EditTool.UPSCALE ? "upscale needs a scale of 2 or 4" : tool.wire() + " takes no scale");
        }
    }

    /** An edit outside the pipeline: its job is {@link ProviderJob#untracked untracked}. */
    public static EditJob untracked(
            GenerationId generationId, EditTool tool, ImageRef source, @Nullable ImageRef mask, EditOptions options) {
        return new EditJob(
                generationId,
                tool,
                source,
                mask,
                options,
                Map.of(),
                ProviderJob.untracked(ProviderJob.keyOf(generationId, "edit")));
    }
}
