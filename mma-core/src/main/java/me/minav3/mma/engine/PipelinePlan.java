package me.minav3.mma.engine;

import java.util.ArrayList;
import java.util.List;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument.StillAssets;
import me.minav3.mma.generation.GenerationDocument.StillSettings;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.providers.ConfiguredEngines;
import me.minav3.mma.providers.models.StillEngines;

/** The stages a generation goes through, decided by its kind and its inputs (the same every time it is resumed). */
final class PipelinePlan {

    private PipelinePlan() {}

    static List<Stage> of(Generation generation, PipelineServices services) {
        var document = generation.document();
        if (generation.kind() == null) {
            throw new ConfigurationError("unknown generation kind '" + GenerationDocumentCodec.storedKind(document)
                    + "' in " + generation.id().mgId());
        }
        List<Stage> stages = new ArrayList<>();
        switch (generation.kind()) {
            case CREATE -> {
                if (document.assets() instanceof StillAssets assets) {
                    if (assets.productUrl() != null) {
                        stages.add(new StillStages.Scan("product", assets.productUrl(), 0));
                    }
                    if (assets.logoUrl() != null) {
                        stages.add(new StillStages.Scan("logo", assets.logoUrl(), 0));
                    }
                    List<String> inspirations = assets.inspirationUrls() == null ? List.of() : assets.inspirationUrls();
                    for (int i = 0; i < inspirations.size(); i++) {
                        stages.add(new StillStages.Scan("inspiration", inspirations.get(i), i));
                    }
                }
                var engine = engineOf(generation, services);
                stages.add(new StillStages.LikeHistory());
                stages.add(new StillStages.Reader(ConfiguredEngines.readerTask(engine)));
                stages.add(new StillStages.Generate(services.providers().images(engine)));
                stages.add(new StillStages.PostScan());
            }
            case TWEAK -> {
                stages.add(new StillStages.FeedbackStill());
                stages.add(new StillStages.Generate(services.providers().images(engineOf(generation, services))));
                stages.add(new StillStages.PostScan());
            }
            case ANIMATE -> {
                boolean passThrough =
                        document.inputs() instanceof GenerationInputs.Animate animate && animate.passThrough();
                stages.add(new MotionStages.ScanStill());
                stages.add(new MotionStages.ReaderMotion(passThrough));
                stages.add(new MotionStages.GenerateVideo(services.providers().videos(), false));
            }
            case VIDEO_FEEDBACK -> {
                stages.add(new MotionStages.FeedbackMotion());
                stages.add(new MotionStages.GenerateVideo(services.providers().videos(), true));
            }
        }
        return stages;
    }

    /** The still engine the generation was submitted on (issue 22); the default one when none was recorded. */
    private static StillEngines.StillEngine engineOf(Generation generation, PipelineServices services) {
        String name = generation.document().settings() instanceof StillSettings settings ? settings.engine() : null;
        return ConfiguredEngines.stored(services.config(), name);
    }
}
