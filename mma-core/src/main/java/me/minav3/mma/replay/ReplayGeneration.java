package me.minav3.mma.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.config.ConfigStore;
import me.minav3.mma.config.ConfigVersion;
import me.minav3.mma.error.Conflict;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.InvalidUpload;
import me.minav3.mma.error.NotFound;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationQuery;
import me.minav3.mma.generation.Generations;
import me.minav3.mma.generation.StepRecord;
import me.minav3.mma.providers.GptContext;
import me.minav3.mma.providers.GptContexts;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptRequest;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.ImageRef;
import me.minav3.mma.providers.ProviderRegistry;
import me.minav3.mma.providers.VisionLanguageModel;
import me.minav3.mma.taste.HardBlocks;

/**
 * Runs a generation's GPT steps again (decision 030): each step's recorded input, under the context version it
 * recorded or a chosen one, against the configured vision provider. A replayed caption feeds the prompt step that
 * read it, as in the pipeline. Nothing is charged and nothing is written: it reads the generation, its steps and
 * its images, and asks the model.
 */
public final class ReplayGeneration {

    /** The output field of a scan (a caption, not a prompt). */
    static final String CAPTION = "crt";

    private static final String MOTION_PROMPT = "motion_prompt";

    private final Generations generations;
    private final ConfigStore config;
    private final GptContexts contexts;
    private final ProviderRegistry providers;
    private final IngestMedia media;

    public ReplayGeneration(
            Generations generations,
            ConfigStore config,
            GptContexts contexts,
            ProviderRegistry providers,
            IngestMedia media) {
        this.generations = generations;
        this.config = config;
        this.contexts = contexts;
        this.providers = providers;
        this.media = media;
    }

    /**
     * The generation's GPT steps replayed; {@code versions} (context key → version) replace what the steps recorded.
     * Unknown generation: {@link NotFound}; a key that is no GPT context or a version that does not exist:
     * {@link InvalidInput}; an input image that is gone: {@link Conflict}.
     */
    public Replay replay(GenerationId id, Map<String, Integer> versions) {
        Map<String, ConfigVersion> chosen = chosen(versions);
        return run(generations.get(id), chosen);
    }

    /** The last {@code count} finished generations (newest first) replayed under {@code versions}. */
    public ReplaySample sample(int count, Map<String, Integer> versions) {
        if (count < 1 || count > GenerationQuery.MAX_LIMIT) {
            throw new InvalidInput(
                    "a replay sample needs a count from 1 to " + GenerationQuery.MAX_LIMIT + ", not " + count);
        }
        Map<String, ConfigVersion> chosen = chosen(versions);
        List<Replay> replays = new ArrayList<>();
        List<ReplaySample.Skipped> skipped = new ArrayList<>();
        for (Generation generation :
                generations.search(new GenerationQuery(null, null, MmaStatus.DONE, false, null, null, null, count))) {
            try {
                replays.add(run(generation, chosen));
            } catch (Conflict e) {
                skipped.add(new ReplaySample.Skipped(generation.id(), String.valueOf(e.getMessage())));
            }
        }
        return new ReplaySample(versions, replays, skipped);
    }

    /** The GPT context keys a replay can be given a version of. */
    public static List<String> contextKeys() {
        return Arrays.stream(GptTask.values()).map(GptTask::contextKey).toList();
    }

    private Map<String, ConfigVersion> chosen(Map<String, Integer> versions) {
        Map<String, ConfigVersion> chosen = new TreeMap<>();
        versions.forEach((key, version) -> {
            if (!contextKeys().contains(key)) {
                throw new InvalidInput("'" + key + "' is not a GPT context key; replay takes one of "
                        + String.join(", ", contextKeys()));
            }
            ConfigVersion row = config.version(key, version)
                    .orElseThrow(() -> new InvalidInput(key
                            + " has no version " + version + "; its newest is "
                            + config.latest(key).map(v -> "v" + v.version()).orElse("none") + " (mina config show "
                            + key
                            + ")"));
            chosen.put(key, row);
        });
        return chosen;
    }

    private Replay run(Generation generation, Map<String, ConfigVersion> chosen) {
        VisionLanguageModel model = providers.vision();
        List<StepRecord> gptSteps = generations.steps(generation.id()).stream()
                .filter(step -> !step.failed()
                        && GptContexts.recorded(step.input())
                                .flatMap(r -> task(r.key()))
                                .isPresent())
                .toList();
        // Every image first, so a generation whose inputs are gone fails before any provider call.
        Map<String, ImageRef> images = new HashMap<>();
        gptSteps.forEach(step ->
                imageUrls(step).forEach(url -> images.computeIfAbsent(url, u -> image(generation, u))));
        Map<String, String> captions = new HashMap<>();
        List<ReplayedStep> replayed = new ArrayList<>();
        for (StepRecord step : gptSteps) {
            GptContexts.Recorded recorded = GptContexts.recorded(step.input()).orElseThrow();
            GptTask task = task(recorded.key()).orElseThrow();
            ConfigVersion row = chosen.containsKey(recorded.key())
                    ? chosen.get(recorded.key())
                    : config.version(recorded.key(), recorded.version())
                            .orElseThrow(() -> new Conflict(generation.id().mgId() + " cannot be replayed: step "
                                    + step.stepNo() + " used " + recorded.key() + " v" + recorded.version()
                                    + ", which is no longer stored"));
            Map<String, Object> asked = Json.mutableCopy(Json.object(step.input(), "input"));
            feedCaptions(task, asked, captions);
            GptContext context = contexts.of(row, model.name());
            GptReply reply = model.ask(new GptRequest(
                    task,
                    context,
                    asked,
                    imageUrls(step).stream().map(images::get).toList(),
                    providers.capability(model.name(), context.model()).orElse(null)));
            String field = field(task);
            String text = reply.field(field);
            if (field.equals(GptTask.CLEAN_PROMPT)) {
                text = HardBlocks.scrub(text, hardBlocks(task, asked)).prompt();
            }
            if (task == GptTask.SCAN) {
                captions.put(slot(asked), text);
            }
            String original = original(step, field);
            replayed.add(new ReplayedStep(
                    step.stepNo(),
                    step.stepType(),
                    recorded.key(),
                    recorded.version(),
                    row.version(),
                    field,
                    original,
                    text,
                    PromptDiff.of(original, text)));
        }
        return new Replay(
                generation.id(),
                generation.mode(),
                generation.kind() == null ? "unknown" : generation.kind().name().toLowerCase(java.util.Locale.ROOT),
                model.name(),
                replayed);
    }

    private static Optional<GptTask> task(String contextKey) {
        return Arrays.stream(GptTask.values())
                .filter(t -> t.contextKey().equals(contextKey))
                .findFirst();
    }

    private static List<String> imageUrls(StepRecord step) {
        return Json.list(step.input(), "image_urls").stream()
                .map(String::valueOf)
                .toList();
    }

    private ImageRef image(Generation generation, String url) {
        try {
            byte[] bytes = media.readImage(url);
            return new ImageRef(url, () -> bytes);
        } catch (NotFound | InvalidUpload e) {
            throw new Conflict(generation.id().mgId() + " cannot be replayed: its image " + url + " is gone ("
                    + e.getMessage() + ")");
        }
    }

    /** The text the step produced then: a still prompt as stored after the hard-block scrub, else the reply field. */
    private static String original(StepRecord step, String field) {
        String stored = field.equals(GptTask.CLEAN_PROMPT) ? Json.stringOrNull(step.output(), field) : null;
        return stored != null ? stored : Json.string(Json.object(step.output(), "fields"), field, "");
    }

    private static String field(GptTask task) {
        return switch (task) {
            case SCAN -> CAPTION;
            case READ_STILL, READ_STILL_NICHE, FEEDBACK_STILL -> GptTask.CLEAN_PROMPT;
            case MOTION_SUGGESTION -> "sugg_prompt";
            case READ_MOTION, FEEDBACK_MOTION -> MOTION_PROMPT;
        };
    }

    /** Where a scan's caption goes: its role, and the index for inspirations. */
    private static String slot(Map<String, Object> scanInput) {
        String role = Json.string(scanInput, "role", "image");
        return role.equals("inspiration") ? role + ":" + Json.number(scanInput, "index", 0) : role;
    }

    /** A prompt step reads the captions the scans before it wrote: their replayed text, as the pipeline would. */
    private static void feedCaptions(GptTask task, Map<String, Object> input, Map<String, String> captions) {
        if (task == GptTask.READ_STILL || task == GptTask.READ_STILL_NICHE) {
            Map<String, Object> stored = Json.mutableCopy(Json.object(input, "captions"));
            for (String role : List.of("product", "logo")) {
                if (captions.containsKey(role)) {
                    stored.put(role, captions.get(role));
                }
            }
            List<Object> inspirations = new ArrayList<>(Json.list(stored, "inspiration"));
            for (int i = 0; i < inspirations.size(); i++) {
                String caption = captions.get("inspiration:" + i);
                if (caption != null) {
                    inspirations.set(i, caption);
                }
            }
            stored.put("inspiration", inspirations);
            input.put("captions", stored);
        } else if (task == GptTask.READ_MOTION && captions.containsKey("input_still")) {
            input.put("caption", captions.get("input_still"));
        }
    }

    /** The hard blocks a still prompt step applied (the reader keeps them in its preferences). */
    private static List<String> hardBlocks(GptTask task, Map<String, Object> input) {
        Map<String, Object> from = task == GptTask.READ_STILL || task == GptTask.READ_STILL_NICHE
                ? Json.object(input, "preferences")
                : input;
        return Json.list(from, "hard_blocks").stream().map(String::valueOf).collect(Collectors.toList());
    }
}
