package me.minav3.mma.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.customers.Preferences;
import me.minav3.mma.generation.GenerationDocument.History;
import me.minav3.mma.generation.GenerationDocument.Outputs;
import me.minav3.mma.generation.GenerationDocument.PreferenceSnapshot;
import me.minav3.mma.generation.GenerationDocument.StillAssets;
import me.minav3.mma.generation.GenerationDocumentCodec;
import me.minav3.mma.generation.GenerationInputs;
import me.minav3.mma.pricing.StepCost;
import me.minav3.mma.providers.GeneratedMedia;
import me.minav3.mma.providers.GptReply;
import me.minav3.mma.providers.GptTask;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.ImageJob;
import me.minav3.mma.providers.ProviderJob;
import me.minav3.mma.taste.HardBlocks;
import me.minav3.mma.taste.ReadTaste;
import me.minav3.mma.taste.TasteProfile;
import org.jspecify.annotations.Nullable;

/** The stages of the still pipeline (spec §6 and §7.2). */
final class StillStages {

    private StillStages() {}

    /** {@code scan_product}, {@code scan_logo}, {@code scan_inspiration}: a caption of one input image. */
    record Scan(String role, String url, int index) implements Stage {

        @Override
        public String type() {
            return "scan_" + role;
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.SCANNING;
        }

        @Override
        public @Nullable String intro() {
            return switch (role) {
                case "product" -> "Looking closely at your product…";
                case "logo" -> "Studying your logo…";
                default -> "Taking in your inspiration" + (index > 0 ? " #" + (index + 1) : "") + "…";
            };
        }

        @Override
        public void run(StageContext ctx) {
            GptReply reply = GptStep.ask(ctx, GptTask.SCAN, Json.obj("role", role, "index", index), List.of(url));
            String caption = reply.field("crt");
            ctx.update(d -> d.withScans(
                            switch (role) {
                                case "product" -> d.requireScans().withProductCaption(caption);
                                case "logo" -> d.requireScans().withLogoCaption(caption);
                                default -> d.requireScans().withInspirationCaption(index, caption);
                            })
                    .withUserMessages(d.messages().withScanLine(reply.field("userMessage"))));
            ctx.userLine(reply.field("userMessage"));
        }
    }

    /** {@code like_history}: the taste summary from recent likes, dislikes, downloads and preferences. */
    record LikeHistory() implements Stage {

        @Override
        public String type() {
            return "like_history";
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.PROMPTING;
        }

        @Override
        public @Nullable String intro() {
            return "Remembering what you love…";
        }

        @Override
        public boolean local() {
            return true;
        }

        @Override
        public void run(StageContext ctx) {
            var taste = ctx.services().config().value(ConfigKeys.TASTE);
            boolean vision = Json.bool(taste, "vision_intelligence", false);
            int window = (int) Json.number(taste, vision ? "large_window" : "small_window", vision ? 20 : 5);
            var read = ctx.services().events().tasteInputs(ctx.generation().passId(), window);
            var signals = read.signals();
            Preferences preferences = read.preferences();
            TasteProfile profile = TasteProfile.build(signals, preferences, window);
            ctx.input(Json.obj(
                    "window",
                    window,
                    "vision_intelligence",
                    vision,
                    "signals",
                    signals.stream()
                            .map(s -> Json.obj(
                                    "type",
                                    s.type().wire(),
                                    "generation_id",
                                    s.generationId().mgId(),
                                    "style",
                                    s.style(),
                                    "at",
                                    s.at().toString()))
                            .toList(),
                    "preferences",
                    preferencesJson(preferences)));
            ctx.output(Json.obj(
                    "style_history_csv",
                    profile.styleHistoryCsv(),
                    "weights",
                    profile.weights(),
                    "hard_blocks",
                    profile.hardBlocks(),
                    "signals_used",
                    profile.signalsUsed()));
            ctx.update(d -> d.withHistory(new History(profile.styleHistoryCsv(), window, vision, profile.signalsUsed()))
                    .withPreferences(snapshot(preferences, profile)));
            List<String> favourites = profile.weights().entrySet().stream()
                    .filter(e -> e.getValue() > 0)
                    .limit(3)
                    .map(Map.Entry::getKey)
                    .toList();
            if (!favourites.isEmpty()) {
                ctx.userLine("Leaning into your taste: " + String.join(", ", favourites) + ".");
            }
        }
    }

    /**
     * {@code gpt_reader}: the clean prompt from brief, style, captions and taste, written for the still engine
     * ({@code task}: {@link GptTask#READ_STILL} for Seedream, {@link GptTask#READ_STILL_NICHE} for Gemini image).
     */
    record Reader(GptTask task) implements Stage {

        Reader() {
            this(GptTask.READ_STILL);
        }

        @Override
        public String type() {
            return "gpt_reader";
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.PROMPTING;
        }

        @Override
        public @Nullable String intro() {
            return "Writing your prompt…";
        }

        @Override
        public void run(StageContext ctx) {
            var document = ctx.document();
            var inputs = (GenerationInputs.Create) document.requireInputs();
            var scans = document.requireScans();
            var captions = Json.obj(
                    "product",
                    scans.productCaption(),
                    "logo",
                    scans.logoCaption(),
                    "inspiration",
                    scans.inspirationCaptions() == null ? List.of() : scans.inspirationCaptions());
            PreferenceSnapshot preferences = document.preferences();
            List<String> cues = document.assets() instanceof StillAssets assets
                    ? assets.styles().stream()
                            .map(s -> s.cue())
                            .filter(cue -> !cue.isBlank())
                            .toList()
                    : List.of();
            var input = Json.obj(
                    "brief",
                    orElse(inputs.brief(), ""),
                    "style",
                    orElse(inputs.style(), "None"),
                    "aspect_ratio",
                    orElse(document.requireSettings().aspectRatio(), "1:1"),
                    "captions",
                    captions,
                    "style_history_csv",
                    document.history() == null ? "" : orElse(document.history().styleHistoryCsv(), ""),
                    "preferences",
                    preferences == null ? Map.of() : GenerationDocumentCodec.preferences(preferences));
            if (!cues.isEmpty()) {
                // Only when styles were chosen: a still without styles writes the same step rows as before (decision
                // 032).
                input = new java.util.LinkedHashMap<>(input);
                input.put("style_cues", cues);
            }
            GptReply reply = GptStep.ask(ctx, task, input, List.of());
            String prompt = cleanPrompt(
                    ctx, reply.field(GptTask.CLEAN_PROMPT), preferences == null ? List.of() : preferences.hardBlocks());
            ctx.update(d -> d.withUserMessages(d.messages().withFinal(reply.field("userMessage"))));
            ctx.userLine(reply.field("userMessage"));
            ctx.update(d -> d.withPrompts(d.promptsOrNone().withCleanPrompt(prompt)));
        }
    }

    /** {@code gpt_feedback_still}: the previous prompt adapted to the user's feedback. */
    record FeedbackStill() implements Stage {

        @Override
        public String type() {
            return "gpt_feedback_still";
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.PROMPTING;
        }

        @Override
        public @Nullable String intro() {
            return "Reading your feedback…";
        }

        @Override
        public void run(StageContext ctx) {
            var inputs = (GenerationInputs.Tweak) ctx.document().requireInputs();
            int window = ReadTaste.window(ctx.services().config().value(ConfigKeys.TASTE));
            var taste = ctx.services().events().tasteInputs(ctx.generation().passId(), window);
            Preferences preferences = taste.preferences();
            PreferenceSnapshot snapshot =
                    snapshot(preferences, TasteProfile.build(taste.signals(), preferences, window));
            ctx.update(d -> d.withPreferences(snapshot));
            var input = Json.obj(
                    "previous_prompt",
                    orElse(inputs.previousPrompt(), ""),
                    "feedback",
                    orElse(inputs.feedback(), ""),
                    "output_caption",
                    orElse(inputs.parentCaption(), ""),
                    "hard_blocks",
                    preferences.hardBlocks(),
                    "preferences",
                    GenerationDocumentCodec.preferences(snapshot));
            String parentImage = inputs.parentOutputUrl();
            GptReply reply = GptStep.ask(
                    ctx, GptTask.FEEDBACK_STILL, input, parentImage == null ? List.of() : List.of(parentImage));
            String prompt = cleanPrompt(ctx, reply.field(GptTask.CLEAN_PROMPT), preferences.hardBlocks());
            ctx.update(d -> d.withPrompts(d.promptsOrNone().withCleanPrompt(prompt)));
            ctx.userLine("Got it — keeping everything else, changing what you asked.");
        }
    }

    /** {@code <provider>_generate}: the still itself, stored permanently. */
    record Generate(ImageGenerator generator) implements Stage {

        @Override
        public String type() {
            return generator.family() + "_generate";
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.GENERATING;
        }

        @Override
        public @Nullable String intro() {
            return "Creating your image…";
        }

        @Override
        public void run(StageContext ctx) {
            var document = ctx.document();
            var assets = (StillAssets) document.requireAssets();
            List<String> references = new ArrayList<>();
            List<String> roles = new ArrayList<>();
            if (assets.productUrl() != null) {
                references.add(assets.productUrl());
                roles.add("product");
            }
            if (assets.logoUrl() != null) {
                references.add(assets.logoUrl());
                roles.add("logo");
            }
            (assets.inspirationUrls() == null ? List.<String>of() : assets.inspirationUrls()).forEach(url -> {
                references.add(url);
                roles.add("inspiration");
            });
            // The chosen styles' images come last (decision 032): the model reads them as style references.
            assets.styleReferenceUrls().forEach(url -> {
                references.add(url);
                roles.add("style");
            });
            var settings = GenerationDocumentCodec.settings(document.requireSettings());
            settings.put("reference_roles", roles);
            String prompt = orElse(document.cleanPrompt(), "");
            var defaults = ctx.services().providers().defaults(generator.name());
            ProviderJob paid = ctx.providerJob(generator.name());
            ImageJob job = new ImageJob(
                    ctx.generation().id(),
                    prompt,
                    AspectRatio.parse(orElse(document.requireSettings().aspectRatio(), "1:1")),
                    references.stream()
                            .map(url -> ctx.services().media().imageRef(url))
                            .toList(),
                    settings,
                    defaults,
                    ctx.services()
                            .providers()
                            .capability(generator.name(), defaults)
                            .orElse(null),
                    paid);
            ctx.input(Json.obj(
                    "provider",
                    generator.name(),
                    "model",
                    defaults.get("model"),
                    "prompt",
                    prompt,
                    "aspect_ratio",
                    job.aspectRatio().wire(),
                    "reference_urls",
                    references,
                    "settings",
                    settings));
            paid.startedId().ifPresent(id -> ctx.input().put("resumed_job_id", id));
            GeneratedMedia media = generator.generate(job);
            // Recorded before the download: when the provider's URL has already expired, the failed step still
            // shows what the provider was asked and what it answered.
            ctx.recordCall(media.trace(), media.provider(), media.model(), paid);
            ctx.output().put(StepCost.KEY, PricedStep.image(ctx.services().config(), media));
            StoredAsset stored =
                    ctx.services().media().storeOutput(ctx.generation().id(), MmaMode.STILL, media);
            ctx.update(d -> d.withOutputs(Outputs.still(stored, media.provider(), media.model())));
            ctx.output()
                    .putAll(Json.obj(
                            "output_url",
                            stored.url(),
                            "output_key",
                            stored.key().value(),
                            "bytes",
                            stored.bytes()));
            ctx.userLine("Here it is — giving it a final look…");
        }
    }

    /** {@code postscan_output_still}: a caption of the result, for future taste and for the audit. Optional. */
    record PostScan() implements Stage {

        @Override
        public String type() {
            return "postscan_output_still";
        }

        @Override
        public MmaStatus status() {
            return MmaStatus.POSTSCAN;
        }

        @Override
        public @Nullable String intro() {
            return null;
        }

        @Override
        public boolean fatal() {
            return false;
        }

        @Override
        public void run(StageContext ctx) {
            var outputs = ctx.document().outputs();
            String url = outputs == null ? null : outputs.stillUrl();
            GptReply reply = GptStep.ask(ctx, GptTask.SCAN, Json.obj("role", "output_still"), List.of(url));
            ctx.update(d -> d.withScans(d.requireScans().withOutputStillCaption(reply.field("crt"))));
        }
    }

    /**
     * The snapshot the prompt stages read (spec §12.4, decision 031): the customer's hard blocks, and the tag weights
     * learned from their current likes, dislikes and downloads together with the ones they set (the profile's).
     */
    static PreferenceSnapshot snapshot(Preferences preferences, TasteProfile profile) {
        return new PreferenceSnapshot(preferences.hardBlocks(), profile.weights(), Map.of());
    }

    static Map<String, Object> preferencesJson(Preferences preferences) {
        return GenerationDocumentCodec.preferences(PreferenceSnapshot.of(preferences));
    }

    static String orElse(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** Applies the hard-block guarantee and notes in the step output what it removed. */
    private static String cleanPrompt(StageContext ctx, String written, List<String> blocks) {
        HardBlocks.Scrubbed scrubbed = HardBlocks.scrub(written, blocks);
        if (!scrubbed.removed().isEmpty()) {
            ctx.output().put("removed_by_hard_blocks", scrubbed.removed());
        }
        ctx.output().put(GptTask.CLEAN_PROMPT, scrubbed.prompt());
        return scrubbed.prompt();
    }
}
