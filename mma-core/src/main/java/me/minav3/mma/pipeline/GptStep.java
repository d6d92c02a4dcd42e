package me.minav3.mma.pipeline;

import java.util.List;
import java.util.Map;
import me.minav3.mma.domain.Json;
import me.minav3.mma.port.VisionLanguageModel;
import me.minav3.mma.provider.GptContext;
import me.minav3.mma.provider.GptReply;
import me.minav3.mma.provider.GptRequest;
import me.minav3.mma.provider.GptTask;
import me.minav3.mma.provider.ImageRef;

/** Runs one GPT call for a stage and fills the step's input (with the config row used) and output. */
final class GptStep {

    private GptStep() {
    }

    static GptReply ask(StageContext ctx, GptTask task, Map<String, Object> input, List<String> imageUrls) {
        VisionLanguageModel model = ctx.services().providers().vision();
        GptContext context = ctx.services().contexts().forTask(task, model.name());
        Map<String, Object> stepInput = GptContexts.reference(context);
        stepInput.put("provider", model.name());
        stepInput.put("model", context.model());
        stepInput.put("input", input);
        stepInput.put("image_urls", imageUrls);
        ctx.input(stepInput);
        List<ImageRef> images = imageUrls.stream().map(url -> ctx.services().media().imageRef(url)).toList();
        GptReply reply = model.ask(new GptRequest(task, context, input, images));
        ctx.output(Json.obj(
                "fields", reply.fields(),
                "provider", reply.provider(),
                "model", reply.model(),
                "request", reply.trace().request(),
                "response", reply.trace().response(),
                "attempts", reply.trace().attempts()));
        return reply;
    }
}
