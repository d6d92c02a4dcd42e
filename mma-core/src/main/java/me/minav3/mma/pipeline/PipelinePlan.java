package me.minav3.mma.pipeline;

import java.util.ArrayList;
import java.util.List;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.Json;
import me.minav3.mma.error.ConfigurationError;

/** The stages a generation goes through, decided by its kind and its inputs (the same every time it is resumed). */
final class PipelinePlan {

    static final String KIND_CREATE = "create";
    static final String KIND_TWEAK = "tweak";
    static final String KIND_ANIMATE = "animate";
    static final String KIND_VIDEO_FEEDBACK = "video_feedback";

    private PipelinePlan() {
    }

    static List<Stage> of(Generation generation, PipelineServices services) {
        String kind = Json.string(generation.vars(), "kind", KIND_CREATE);
        List<Stage> stages = new ArrayList<>();
        switch (kind) {
            case KIND_CREATE -> {
                var assets = generation.section("assets");
                if (assets.get("product_url") != null) {
                    stages.add(new StillStages.Scan("product", assets.get("product_url").toString(), 0));
                }
                if (assets.get("logo_url") != null) {
                    stages.add(new StillStages.Scan("logo", assets.get("logo_url").toString(), 0));
                }
                List<Object> inspirations = Json.list(assets, "inspiration_urls");
                for (int i = 0; i < inspirations.size(); i++) {
                    stages.add(new StillStages.Scan("inspiration", inspirations.get(i).toString(), i));
                }
                stages.add(new StillStages.LikeHistory());
                stages.add(new StillStages.Reader());
                stages.add(new StillStages.Generate(services.providers().images()));
                stages.add(new StillStages.PostScan());
            }
            case KIND_TWEAK -> {
                stages.add(new StillStages.FeedbackStill());
                stages.add(new StillStages.Generate(services.providers().images()));
                stages.add(new StillStages.PostScan());
            }
            case KIND_ANIMATE -> {
                stages.add(new MotionStages.ScanStill());
                stages.add(new MotionStages.ReaderMotion(Json.bool(generation.section("inputs"), "pass_through", false)));
                stages.add(new MotionStages.GenerateVideo(services.providers().videos(), false));
            }
            case KIND_VIDEO_FEEDBACK -> {
                stages.add(new MotionStages.FeedbackMotion());
                stages.add(new MotionStages.GenerateVideo(services.providers().videos(), true));
            }
            default -> throw new ConfigurationError("unknown generation kind '" + kind + "' in " + generation.id().mgId());
        }
        return stages;
    }
}
