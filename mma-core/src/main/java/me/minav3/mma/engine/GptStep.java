package me.minav3.mma.engine;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import me.minav3.mma.common.Json;
import me.minav3.mma.pricing.StepCost;
import me.minav3.mma.providers.GptContext;
import me.minav3.mma.providers.GptContexts;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.VisionLanguageModel;

/** Runs one GPT call for a stage and fills the step's input (with the config row used) and output. */
final class GptStep {

    private GptStep() {}

    static GptReply ask(StageContext ctx, GptTask task, Map<String, Object> input, List<String> imageUrls) {
        return ask(ctx.services(), task, input, imageUrls, ctx::input, ctx::output);
    }

    /**
     * The same call outside a stage (e.g. "Type for me"): {@code stepInput} receives the input before the call, so
     * a failure still shows what was asked, and {@code stepOutput} the output after it.
     */
    static GptReply ask(
            PipelineServices services,
            GptTask task,
            Map<String, Object> input,
            List<String> imageUrls,
            Consumer<Map<String, Object>> stepInput,
            Consumer<Map<String, Object>> stepOutput) {
        VisionLanguageModel model = services.providers().vision();
        GptContext context = services.contexts().forTask(task, model.name());
        Map<String, Object> asked = GptContexts.reference(context);
        asked.put("provider", model.name());
        asked.put("model", context.model());
        asked.put("input", input);
        asked.put("image_urls", imageUrls);
        stepInput.accept(asked);
        List<ImageRef> images =
                imageUrls.stream().map(url -> services.media().imageRef(url)).toList();
        GptReply reply = model.ask(new GptRequest(
                task,
                context,
                input,
                images,
                services.providers().capability(model.name(), context.model()).orElse(null)));
        stepOutput.accept(Json.obj(
                "fields",
                reply.fields(),
                "provider",
                reply.provider(),
                "model",
                reply.model(),
                "request",
                reply.trace().request(),
                "response",
                reply.trace().response(),
                "attempts",
                reply.trace().attempts(),
                StepCost.KEY,
                PricedStep.gpt(services.config(), reply, context.model())));
        return reply;
    }
}
