package me.minav3.mma.engine;

import java.util.Map;
import java.util.Objects;
import me.minav3.mma.assets.MediaSniffer;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.assets.UploadLimits;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.generation.GenerationDocument.Outputs;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.providers.EditCanvas;
import me.minav3.mma.providers.EditJob;
import me.minav3.mma.providers.EditOptions;
import me.minav3.mma.providers.EditTool;
import me.minav3.mma.providers.EditedImage;
import me.minav3.mma.providers.ImageEditor;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.ProviderJob;
import org.jspecify.annotations.Nullable;

/** The stage of an edit tool run (issue 23, decision 045). */
final class EditStages {

    private EditStages() {}

    /**
     * {@code <family>_edit}: the tool run by the registry's editor on the parent's image (and the user's mask), its
     * result checked by its bytes, an SVG rebuilt by the sanitiser, and stored as this generation's output.
     */
    record RunTool(ImageEditor editor, EditTool tool) implements Stage {

        @Override
        public String type() {
            return editor.family() + "_edit";
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.GENERATING;
        }

        @Override
        public String intro() {
            return switch (tool) {
                case ERASER -> "Erasing…";
                case INPAINT -> "Filling…";
                case EXPAND -> "Expanding…";
                case REMOVE_BACKGROUND -> "Removing background…";
                case UPSCALE -> "Upscaling…";
                case VECTORIZE -> "Vectorizing…";
            };
        }

        @Override
        public void run(StageContext ctx) {
            var inputs = (GenerationInputs.Edit) ctx.document().requireInputs();
            var services = ctx.services();
            String sourceUrl = Objects.requireNonNull(inputs.sourceUrl(), "source url");
            ImageRef source = services.media().imageRef(sourceUrl);
            ImageRef mask = inputs.maskUrl() == null ? null : services.media().imageRef(inputs.maskUrl());
            EditOptions options = options(ctx, inputs, source);
            Map<String, Object> defaults = services.providers().defaults(editor.name());
            ProviderJob paid = ctx.providerJob(editor.name());
            EditJob job = new EditJob(ctx.generation().id(), tool, source, mask, options, defaults, paid);
            ctx.input(Json.obj(
                    "provider",
                    editor.name(),
                    "tool",
                    tool.wire(),
                    "source_url",
                    sourceUrl,
                    "mask_url",
                    inputs.maskUrl(),
                    "prompt",
                    options.prompt(),
                    "canvas",
                    canvasJson(options.canvas()),
                    "scale",
                    tool == EditTool.UPSCALE ? options.scale() : null));
            paid.startedId().ifPresent(id -> ctx.input().put("resumed_job_id", id));
            EditedImage edited = editor.edit(job);
            ctx.recordCall(edited.trace(), edited.provider(), edited.model(), paid);
            StoredAsset stored = services.media()
                    .storeEdit(ctx.generation().id(), edited.media(), tool.makesSvg(), services.svg(), editor.name());
            ctx.update(d -> d.withOutputs(Outputs.still(stored, edited.provider(), edited.model())));
            ctx.output()
                    .putAll(Json.obj(
                            "output_url",
                            stored.url(),
                            "output_key",
                            stored.key().value(),
                            "content_type",
                            stored.type().contentType(),
                            "bytes",
                            stored.bytes()));
            ctx.userLine(
                    switch (tool) {
                        case ERASER -> "Erased — the rest is untouched.";
                        case INPAINT -> "Filled in.";
                        case EXPAND -> "Expanded the canvas.";
                        case REMOVE_BACKGROUND -> "Background removed.";
                        case UPSCALE -> "Upscaled x" + options.scale() + ".";
                        case VECTORIZE -> "Traced into a vector.";
                    });
        }

        /** The tool's options; expand's canvas is resolved from the source's pixel size (as the submit checked). */
        private EditOptions options(StageContext ctx, GenerationInputs.Edit inputs, ImageRef source) {
            return switch (tool) {
                case ERASER, REMOVE_BACKGROUND, VECTORIZE -> EditOptions.NONE;
                case INPAINT -> EditOptions.prompt(Objects.requireNonNullElse(inputs.prompt(), ""));
                case UPSCALE -> EditOptions.upscale(inputs.scale());
                case EXPAND -> {
                    AspectRatio ratio = AspectRatio.parse(Objects.requireNonNullElse(inputs.aspectRatio(), ""));
                    UploadLimits limits =
                            UploadLimits.fromConfig(ctx.services().config().value(ConfigKeys.UPLOADS));
                    MediaSniffer.Sniffed size =
                            new MediaSniffer().sniff(source.bytes().get(), limits.maxPixels());
                    yield EditOptions.expand(
                            EditCanvas.forAspect(
                                    (int) size.width(), (int) size.height(), ratio.width(), ratio.height()),
                            inputs.prompt());
                }
            };
        }

        private static @Nullable Map<String, Object> canvasJson(@Nullable EditCanvas canvas) {
            return canvas == null
                    ? null
                    : Json.obj(
                            "width",
                            canvas.width(),
                            "height",
                            canvas.height(),
                            "x",
                            canvas.x(),
                            "y",
                            canvas.y(),
                            "source_width",
                            canvas.sourceWidth(),
                            "source_height",
                            canvas.sourceHeight());
        }
    }

    /** The stage of an edit generation: its tool from the stored inputs, run by the registry's editor. */
    static Stage of(GenerationInputs inputs, PipelineServices services) {
        if (!(inputs instanceof GenerationInputs.Edit edit)) {
            throw new ConfigurationError("an edit generation without edit inputs");
        }
        EditTool tool = EditTool.fromWire(Objects.requireNonNullElse(edit.tool(), ""))
                .orElseThrow(() -> new ConfigurationError("unknown edit tool '" + edit.tool() + "'"));
        return new RunTool(services.providers().editor(), tool);
    }
}
