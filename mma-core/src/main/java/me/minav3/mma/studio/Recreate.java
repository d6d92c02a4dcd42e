package me.minav3.mma.studio;

import java.util.Map;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.Json;
import me.minav3.mma.domain.MmaMode;

/**
 * Spec §9.4: what the studio loads to make a generation again — its mode, brief, style, aspect ratio, settings
 * and input images (for a video: its start and end images and motion text).
 */
public final class Recreate {

    private Recreate() {
    }

    public static Map<String, Object> of(Generation g) {
        var inputs = g.section("inputs");
        var settings = g.section("settings");
        var assets = g.section("assets");
        var view = Json.obj(
                "generation_id", g.id().mgId(),
                "mode", g.mode().wire(),
                "brief", Json.string(inputs, "brief", ""),
                "style", Json.string(settings, "style", "None"),
                "aspect_ratio", Json.string(settings, "aspect_ratio", "1:1"),
                "settings", settings);
        if (g.mode() == MmaMode.VIDEO) {
            view.put("prompt", Json.string(inputs, "motion_text", ""));
            view.put("duration", settings.get("duration"));
            view.put("assets", Json.obj("start_image_url", assets.get("start_image_url"),
                    "end_image_url", assets.get("end_image_url")));
        } else {
            view.put("assets", Json.obj("product_url", assets.get("product_url"), "logo_url", assets.get("logo_url"),
                    "inspiration_urls", Json.list(assets, "inspiration_urls")));
        }
        return view;
    }
}
