package me.minav3.mma.studio;

import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;
import me.minav3.mma.generation.GenerationDocument.MotionAssets;
import me.minav3.mma.generation.GenerationDocument.MotionSettings;
import me.minav3.mma.generation.GenerationDocument.Settings;
import me.minav3.mma.generation.GenerationDocument.StillAssets;
import me.minav3.mma.generation.GenerationDocument.StillSettings;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.GenerationInputs;

/**
 * Spec §9.4: what the studio loads to make a generation again — its mode, brief, style, aspect ratio, settings
 * and input images (for a video: its start and end images and motion text). A tweak's {@code brief} is its
 * feedback (what made it), with {@code parent_brief} and {@code parent_id} beside it (issue 24.4).
 */
public final class Recreate {

    private Recreate() {}

    public static Map<String, Object> of(Generation g) {
        GenerationDocument d = g.document();
        GenerationInputs inputs = d.inputs();
        Settings settings = d.settings();
        String style = settings instanceof StillSettings still ? still.style() : null;
        var view = Json.obj(
                "generation_id", g.id().mgId(),
                "mode", g.mode().wire(),
                "brief", inputs == null || inputs.brief() == null ? "" : inputs.brief(),
                "style", style == null ? "None" : style,
                "aspect_ratio", settings == null || settings.aspectRatio() == null ? "1:1" : settings.aspectRatio(),
                "settings", settings == null ? Map.of() : GenerationDocumentCodec.settings(settings));
        view.put("kind", GenerationDocumentCodec.storedKind(d));
        if (inputs instanceof GenerationInputs.Tweak tweak) {
            view.put("brief", tweak.feedback() == null ? "" : tweak.feedback());
            view.put("feedback", tweak.feedback() == null ? "" : tweak.feedback());
            view.put("parent_brief", tweak.brief() == null ? "" : tweak.brief());
            view.put("parent_id", g.parentId() == null ? null : g.parentId().mgId());
        }
        if (g.mode() == MmaMode.VIDEO) {
            var assets = d.assets() instanceof MotionAssets motion ? motion : new MotionAssets(null, null, null);
            view.put("prompt", inputs == null || inputs.motionText() == null ? "" : inputs.motionText());
            view.put("duration", settings instanceof MotionSettings motion ? motion.duration() : null);
            view.put(
                    "assets",
                    Json.obj("start_image_url", assets.startImageUrl(), "end_image_url", assets.endImageUrl()));
        } else {
            var assets = d.assets() instanceof StillAssets still ? still : new StillAssets(null, null, null);
            view.put(
                    "assets",
                    Json.obj(
                            "product_url",
                            assets.productUrl(),
                            "logo_url",
                            assets.logoUrl(),
                            "inspiration_urls",
                            assets.inspirationUrls() == null ? List.of() : assets.inspirationUrls()));
        }
        return view;
    }
}
