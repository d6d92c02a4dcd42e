package me.minav3.mma.generation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.generation.GenerationDocument.Assets;
import me.minav3.mma.generation.GenerationDocument.ChosenStyle;
import me.minav3.mma.generation.GenerationDocument.History;
import me.minav3.mma.generation.GenerationDocument.MotionAssets;
import me.minav3.mma.generation.GenerationDocument.MotionSettings;
import me.minav3.mma.generation.GenerationDocument.MotionSource;
import me.minav3.mma.generation.GenerationDocument.Outputs;
import me.minav3.mma.generation.GenerationDocument.PreferenceSnapshot;
import me.minav3.mma.generation.GenerationDocument.Prompts;
import me.minav3.mma.generation.GenerationDocument.Scans;
import me.minav3.mma.generation.GenerationDocument.Settings;
import me.minav3.mma.generation.GenerationDocument.StillAssets;
import me.minav3.mma.generation.GenerationDocument.StillSettings;
import me.minav3.mma.generation.GenerationDocument.UserMessages;
import org.jspecify.annotations.Nullable;

/**
 * The one mapping between a {@link GenerationDocument} and the stored {@code mg_mma_vars} JSON: the same keys,
 * the same nulls and the same key order as the pipeline always wrote, and any key it does not know kept as stored.
 * The only place that spells the stored keys.
 */
public final class GenerationDocumentCodec {

    private static final String KIND = "kind";
    private static final String INPUTS = "inputs";
    private static final String ASSETS = "assets";
    private static final String SETTINGS = "settings";
    private static final String SCANS = "scans";
    private static final String USER_MESSAGES = "userMessages";
    private static final String HISTORY = "history";
    private static final String PREFERENCES = "preferences";
    private static final String PROMPTS = "prompts";
    private static final String OUTPUTS = "outputs";
    private static final String PROVIDER_JOBS = "providerJobs";

    private static final String BRIEF = "brief";
    private static final String STYLE = "style";
    private static final String ASPECT_RATIO = "aspect_ratio";
    private static final String REQUEST_ID = "request_id";
    private static final String FEEDBACK = "feedback";
    private static final String PREVIOUS_PROMPT = "previous_prompt";
    private static final String PARENT_ID = "parent_id";
    private static final String PARENT_OUTPUT_URL = "parent_output_url";
    private static final String PARENT_CAPTION = "parent_caption";
    private static final String MOTION_TEXT = "motion_text";
    private static final String PASS_THROUGH = "pass_through";
    private static final String STILL_ID = "still_id";
    private static final String PRODUCT_URL = "product_url";
    private static final String LOGO_URL = "logo_url";
    private static final String STYLES = "styles";
    private static final String STYLE_ID = "id";
    private static final String STYLE_NAME = "name";
    private static final String STYLE_CUE = "cue";
    private static final String REFERENCE_URLS = "reference_urls";
    private static final String INSPIRATION_URLS = "inspiration_urls";
    private static final String START_IMAGE_URL = "start_image_url";
    private static final String END_IMAGE_URL = "end_image_url";
    private static final String QUALITY = "quality";
    private static final String ENGINE = "engine";
    private static final String DURATION = "duration";
    private static final String SOUND = "sound";
    private static final String INSPIRATION_CRT = "inspiration_crt";
    private static final String PRODUCT_CRT = "product_crt";
    private static final String LOGO_CRT = "logo_crt";
    private static final String OUTPUT_STILL_CRT = "output_still_crt";
    private static final String INPUT_STILL_CRT = "input_still_crt";
    private static final String LINES = "lines";
    private static final String SCAN_LINES = "scan_lines";
    private static final String FINAL = "final";
    private static final String SEQ = "seq";
    private static final String TEXT = "text";
    private static final String AT = "at";
    private static final String STYLE_HISTORY_CSV = "style_history_csv";
    private static final String WINDOW = "window";
    private static final String VISION_INTELLIGENCE = "vision_intelligence";
    private static final String SIGNALS_USED = "signals_used";
    private static final String HARD_BLOCKS = "hard_blocks";
    private static final String TAG_WEIGHTS = "tag_weights";
    private static final String CLEAN_PROMPT = "clean_prompt";
    private static final String MOTION_SOURCE = "motion_source";
    private static final String STILL_URL = "still_url";
    private static final String STILL_KEY = "still_key";
    private static final String VIDEO_URL = "video_url";
    private static final String VIDEO_KEY = "video_key";
    private static final String CONTENT_TYPE = "content_type";
    private static final String BYTES = "bytes";
    private static final String PROVIDER = "provider";
    private static final String MODEL = "model";
    private static final String JOB_ID = "job_id";
    private static final String STARTED_AT = "started_at";
    private static final String TOOL = "tool";
    private static final String SOURCE_URL = "source_url";
    private static final String MASK_URL = "mask_url";
    private static final String PROMPT = "prompt";
    private static final String SCALE = "scale";

    private GenerationDocumentCodec() {}

    // ---------------------------------------------------------------------------------------------- encode

    /** The stored JSON of a document (a new, modifiable, ordered map). */
    public static Map<String, Object> encode(GenerationDocument d) {
        if (d.kind() == null) {
            return Json.mutableCopy(d.other());
        }
        Map<String, Object> vars = Json.obj(KIND, d.kind().wire());
        putIfPresent(vars, INPUTS, d.inputs() == null ? null : inputs(d.inputs()));
        putIfPresent(vars, ASSETS, d.assets() == null ? null : assets(d.assets()));
        putIfPresent(vars, SETTINGS, d.settings() == null ? null : settings(d.settings()));
        putIfPresent(vars, SCANS, d.scans() == null ? null : scans(d.scans()));
        putIfPresent(vars, USER_MESSAGES, d.userMessages() == null ? null : userMessages(d.userMessages()));
        putIfPresent(vars, HISTORY, d.history() == null ? null : history(d.history()));
        putIfPresent(vars, PREFERENCES, d.preferences() == null ? null : preferences(d.preferences()));
        putIfPresent(vars, PROMPTS, d.prompts() == null ? null : prompts(d.prompts()));
        putIfPresent(vars, OUTPUTS, d.outputs() == null ? null : outputs(d.outputs()));
        putIfPresent(vars, PROVIDER_JOBS, d.providerJobs() == null ? null : providerJobs(d.providerJobs()));
        return withOther(vars, d.other());
    }

    /** The stored JSON of the assets section (also what the studio shows). */
    public static Map<String, Object> assets(Assets assets) {
        return withOther(
                switch (assets) {
                    case StillAssets a -> stillAssets(a);
                    case MotionAssets a ->
                        Json.obj(
                                START_IMAGE_URL,
                                a.startImageUrl(),
                                END_IMAGE_URL,
                                a.endImageUrl(),
                                STILL_ID,
                                a.stillId());
                },
                assets.other());
    }

    /** The stored JSON of the settings section (also what the providers and the studio get). */
    public static Map<String, Object> settings(Settings settings) {
        return withOther(
                switch (settings) {
                    case StillSettings s -> stillSettings(s);
                    case MotionSettings s -> motionSettings(s);
                },
                settings.other());
    }

    /** A still's settings; {@code engine} only when one was chosen, so older rows encode as they always did. */
    private static Map<String, Object> stillSettings(StillSettings s) {
        Map<String, Object> m = Json.obj(ASPECT_RATIO, s.aspectRatio(), STYLE, s.style(), QUALITY, s.quality());
        if (s.engine() != null) {
            m.put(ENGINE, s.engine());
        }
        return m;
    }

    /** A silent video's settings are stored as before sound existed; sound on adds {@code sound: true}. */
    private static Map<String, Object> motionSettings(MotionSettings s) {
        Map<String, Object> json = Json.obj(DURATION, s.duration(), ASPECT_RATIO, s.aspectRatio());
        if (s.sound()) {
            json.put(SOUND, true);
        }
        return json;
    }

    /** The stored JSON of the preferences snapshot (also recorded in step inputs). */
    public static Map<String, Object> preferences(PreferenceSnapshot p) {
        return withOther(
                Json.obj(
                        HARD_BLOCKS, new ArrayList<>(p.hardBlocks()), TAG_WEIGHTS, new LinkedHashMap<>(p.tagWeights())),
                p.other());
    }

    private static Map<String, Object> inputs(GenerationInputs inputs) {
        return withOther(
                switch (inputs) {
                    case GenerationInputs.Create i ->
                        Json.obj(
                                BRIEF,
                                i.brief(),
                                STYLE,
                                i.style(),
                                ASPECT_RATIO,
                                i.aspectRatio(),
                                REQUEST_ID,
                                i.requestId());
                    case GenerationInputs.Tweak i ->
                        Json.obj(
                                FEEDBACK,
                                i.feedback(),
                                PREVIOUS_PROMPT,
                                i.previousPrompt(),
                                PARENT_ID,
                                i.parentId(),
                                PARENT_OUTPUT_URL,
                                i.parentOutputUrl(),
                                PARENT_CAPTION,
                                i.parentCaption(),
                                BRIEF,
                                i.brief(),
                                STYLE,
                                i.style(),
                                REQUEST_ID,
                                i.requestId());
                    case GenerationInputs.Animate i ->
                        Json.obj(
                                MOTION_TEXT,
                                i.motionText(),
                                PASS_THROUGH,
                                i.passThrough(),
                                STILL_ID,
                                i.stillId(),
                                BRIEF,
                                i.brief(),
                                REQUEST_ID,
                                i.requestId());
                    case GenerationInputs.VideoFeedback i ->
                        Json.obj(
                                FEEDBACK,
                                i.feedback(),
                                PREVIOUS_PROMPT,
                                i.previousPrompt(),
                                PARENT_ID,
                                i.parentId(),
                                MOTION_TEXT,
                                i.motionText(),
                                STILL_ID,
                                i.stillId(),
                                REQUEST_ID,
                                i.requestId());
                    case GenerationInputs.Edit i -> editInputs(i);
                },
                inputs.other());
    }

    /** Only the options the tool took: an eraser run stores no prompt, scale or aspect ratio. */
    private static Map<String, Object> editInputs(GenerationInputs.Edit i) {
        Map<String, Object> map = Json.obj(TOOL, i.tool(), PARENT_ID, i.parentId(), SOURCE_URL, i.sourceUrl());
        putIfPresent(map, MASK_URL, i.maskUrl());
        putIfPresent(map, PROMPT, i.prompt());
        putIfPresent(map, ASPECT_RATIO, i.aspectRatio());
        if (i.scale() > 1) {
            map.put(SCALE, i.scale());
        }
        map.put(REQUEST_ID, i.requestId());
        return map;
    }

    private static Map<String, Object> scans(Scans s) {
        Map<String, Object> map = Json.obj();
        putIfPresent(
                map,
                INSPIRATION_CRT,
                s.inspirationCaptions() == null ? null : new ArrayList<>(s.inspirationCaptions()));
        putIfPresent(map, PRODUCT_CRT, s.productCaption());
        putIfPresent(map, LOGO_CRT, s.logoCaption());
        putIfPresent(map, OUTPUT_STILL_CRT, s.outputStillCaption());
        putIfPresent(map, INPUT_STILL_CRT, s.inputStillCaption());
        return withOther(map, s.other());
    }

    private static Map<String, Object> userMessages(UserMessages m) {
        List<Object> lines = new ArrayList<>();
        m.lines()
                .forEach(line -> lines.add(Json.obj(
                        SEQ,
                        line.seq(),
                        TEXT,
                        line.text(),
                        AT,
                        line.at() == null ? null : line.at().toString())));
        return withOther(
                Json.obj(LINES, lines, SCAN_LINES, new ArrayList<>(m.scanLines()), FINAL, m.finalLine()), m.other());
    }

    private static Map<String, Object> history(History h) {
        return withOther(
                Json.obj(
                        STYLE_HISTORY_CSV,
                        h.styleHistoryCsv(),
                        WINDOW,
                        h.window(),
                        VISION_INTELLIGENCE,
                        h.visionIntelligence(),
                        SIGNALS_USED,
                        h.signalsUsed()),
                h.other());
    }

    private static Map<String, Object> prompts(Prompts p) {
        Map<String, Object> map = Json.obj();
        putIfPresent(map, CLEAN_PROMPT, p.cleanPrompt());
        putIfPresent(
                map,
                MOTION_SOURCE,
                p.motionSource() == null ? null : p.motionSource().wire());
        return withOther(map, p.other());
    }

    private static Map<String, Object> outputs(Outputs o) {
        Map<String, Object> map = Json.obj();
        putIfPresent(map, STILL_URL, o.stillUrl());
        putIfPresent(map, STILL_KEY, o.stillKey());
        putIfPresent(map, VIDEO_URL, o.videoUrl());
        putIfPresent(map, VIDEO_KEY, o.videoKey());
        putIfPresent(map, CONTENT_TYPE, o.contentType());
        putIfPresent(map, BYTES, o.bytes());
        putIfPresent(map, DURATION, o.duration());
        putIfPresent(map, PROVIDER, o.provider());
        putIfPresent(map, MODEL, o.model());
        return withOther(map, o.other());
    }

    private static Map<String, Object> providerJobs(GenerationDocument.ProviderJobs jobs) {
        Map<String, Object> map = Json.obj();
        jobs.byStage()
                .forEach((stage, job) -> map.put(
                        stage,
                        withOther(
                                Json.obj(
                                        PROVIDER,
                                        job.provider(),
                                        JOB_ID,
                                        job.jobId(),
                                        STARTED_AT,
                                        job.startedAt() == null
                                                ? null
                                                : job.startedAt().toString()),
                                job.other())));
        return map;
    }

    private static void putIfPresent(Map<String, Object> map, String key, @Nullable Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static Map<String, Object> withOther(Map<String, Object> known, Map<String, Object> other) {
        other.forEach(known::putIfAbsent);
        return known;
    }

    // ---------------------------------------------------------------------------------------------- decode

    /** The kind as stored, also one this release does not know (null when the row has none). */
    public static @Nullable String storedKind(GenerationDocument d) {
        return d.kind() != null ? d.kind().wire() : Json.stringOrNull(d.other(), KIND);
    }

    /**
     * The document of stored JSON. Never throws, so one odd row cannot break a page or a claim: a missing kind is
     * {@code create} (as the pipeline always read it), a kind this release does not know keeps the row untyped (see
     * {@link GenerationDocument}), a missing vars column reads as empty, and the sections a submission writes are
     * there even when a row lacks them (as the stages created them before).
     */
    public static GenerationDocument decode(@Nullable Map<String, ?> stored) {
        Map<String, ?> vars = stored == null ? Map.of() : stored;
        GenerationKind kind = GenerationKind.find(Json.string(vars, KIND, GenerationKind.CREATE.wire()))
                .orElse(null);
        if (kind == null) {
            return new GenerationDocument(
                    null, null, null, null, null, null, null, null, null, null, null, other(vars));
        }
        return new GenerationDocument(
                kind,
                inputs(kind, sectionOrEmpty(vars, INPUTS)),
                assets(kind.mode(), sectionOrEmpty(vars, ASSETS)),
                settings(kind.mode(), sectionOrEmpty(vars, SETTINGS)),
                scans(sectionOrEmpty(vars, SCANS)),
                decoded(vars, USER_MESSAGES, m -> userMessages(m)),
                decoded(vars, HISTORY, m -> history(m)),
                decoded(vars, PREFERENCES, m -> preferences(m)),
                decoded(vars, PROMPTS, m -> prompts(m)),
                decoded(vars, OUTPUTS, m -> outputs(m)),
                decoded(vars, PROVIDER_JOBS, m -> providerJobs(m)),
                other(
                        vars,
                        KIND,
                        INPUTS,
                        ASSETS,
                        SETTINGS,
                        SCANS,
                        USER_MESSAGES,
                        HISTORY,
                        PREFERENCES,
                        PROMPTS,
                        OUTPUTS,
                        PROVIDER_JOBS));
    }

    private static GenerationInputs inputs(GenerationKind kind, Map<String, Object> m) {
        return switch (kind) {
            case CREATE ->
                new GenerationInputs.Create(
                        text(m, BRIEF),
                        text(m, STYLE),
                        text(m, ASPECT_RATIO),
                        text(m, REQUEST_ID),
                        other(m, BRIEF, STYLE, ASPECT_RATIO, REQUEST_ID));
            case TWEAK ->
                new GenerationInputs.Tweak(
                        text(m, FEEDBACK),
                        text(m, PREVIOUS_PROMPT),
                        text(m, PARENT_ID),
                        text(m, PARENT_OUTPUT_URL),
                        text(m, PARENT_CAPTION),
                        text(m, BRIEF),
                        text(m, STYLE),
                        text(m, REQUEST_ID),
                        other(
                                m,
                                FEEDBACK,
                                PREVIOUS_PROMPT,
                                PARENT_ID,
                                PARENT_OUTPUT_URL,
                                PARENT_CAPTION,
                                BRIEF,
                                STYLE,
                                REQUEST_ID));
            case ANIMATE ->
                new GenerationInputs.Animate(
                        text(m, MOTION_TEXT),
                        Json.bool(m, PASS_THROUGH, false),
                        text(m, STILL_ID),
                        text(m, BRIEF),
                        text(m, REQUEST_ID),
                        other(m, MOTION_TEXT, PASS_THROUGH, STILL_ID, BRIEF, REQUEST_ID));
            case VIDEO_FEEDBACK ->
                new GenerationInputs.VideoFeedback(
                        text(m, FEEDBACK),
                        text(m, PREVIOUS_PROMPT),
                        text(m, PARENT_ID),
                        text(m, MOTION_TEXT),
                        text(m, STILL_ID),
                        text(m, REQUEST_ID),
                        other(m, FEEDBACK, PREVIOUS_PROMPT, PARENT_ID, MOTION_TEXT, STILL_ID, REQUEST_ID));
            case EDIT ->
                new GenerationInputs.Edit(
                        text(m, TOOL),
                        text(m, PARENT_ID),
                        text(m, SOURCE_URL),
                        text(m, MASK_URL),
                        text(m, PROMPT),
                        text(m, ASPECT_RATIO),
                        (int) Json.number(m, SCALE, 0),
                        text(m, REQUEST_ID),
                        other(m, TOOL, PARENT_ID, SOURCE_URL, MASK_URL, PROMPT, ASPECT_RATIO, SCALE, REQUEST_ID));
        };
    }

    private static Map<String, Object> stillAssets(StillAssets a) {
        Map<String, Object> map = Json.obj(
                PRODUCT_URL,
                a.productUrl(),
                LOGO_URL,
                a.logoUrl(),
                INSPIRATION_URLS,
                a.inspirationUrls() == null ? null : new ArrayList<>(a.inspirationUrls()));
        // Written only when a style was chosen: documents without one keep the shape they always had.
        if (!a.styles().isEmpty()) {
            map.put(
                    STYLES,
                    a.styles().stream()
                            .map(s -> Json.obj(
                                    STYLE_ID,
                                    s.id(),
                                    STYLE_NAME,
                                    s.name(),
                                    STYLE_CUE,
                                    s.cue(),
                                    REFERENCE_URLS,
                                    new ArrayList<>(s.referenceUrls())))
                            .toList());
        }
        return map;
    }

    private static List<ChosenStyle> chosenStyles(Map<String, Object> m) {
        if (!(m.get(STYLES) instanceof List<?> list)) {
            return List.of();
        }
        List<ChosenStyle> styles = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> raw) {
                @SuppressWarnings("unchecked")
                Map<String, Object> style = (Map<String, Object>) raw;
                String id = text(style, STYLE_ID);
                if (id != null) {
                    styles.add(new ChosenStyle(
                            id,
                            Objects.requireNonNullElse(text(style, STYLE_NAME), id),
                            Objects.requireNonNullElse(text(style, STYLE_CUE), ""),
                            style.get(REFERENCE_URLS) instanceof List<?> ? texts(style, REFERENCE_URLS) : List.of()));
                }
            }
        }
        return styles;
    }

    private static Assets assets(MmaMode mode, Map<String, Object> m) {
        return switch (mode) {
            case STILL ->
                new StillAssets(
                        text(m, PRODUCT_URL),
                        text(m, LOGO_URL),
                        m.get(INSPIRATION_URLS) instanceof List<?> ? texts(m, INSPIRATION_URLS) : null,
                        chosenStyles(m),
                        other(m, PRODUCT_URL, LOGO_URL, INSPIRATION_URLS, STYLES));
            case VIDEO ->
                new MotionAssets(
                        text(m, START_IMAGE_URL),
                        text(m, END_IMAGE_URL),
                        text(m, STILL_ID),
                        other(m, START_IMAGE_URL, END_IMAGE_URL, STILL_ID));
        };
    }

    private static Settings settings(MmaMode mode, Map<String, Object> m) {
        return switch (mode) {
            case STILL ->
                new StillSettings(
                        text(m, ASPECT_RATIO),
                        text(m, STYLE),
                        text(m, QUALITY),
                        text(m, ENGINE),
                        other(m, ASPECT_RATIO, STYLE, QUALITY, ENGINE));
            case VIDEO ->
                new MotionSettings(
                        (int) Json.number(m, DURATION, 5),
                        text(m, ASPECT_RATIO),
                        other(m, DURATION, ASPECT_RATIO, SOUND),
                        Json.bool(m, SOUND, false));
        };
    }

    private static Scans scans(Map<String, Object> m) {
        return new Scans(
                m.get(INSPIRATION_CRT) instanceof List<?> ? captions(m, INSPIRATION_CRT) : null,
                text(m, PRODUCT_CRT),
                text(m, LOGO_CRT),
                text(m, OUTPUT_STILL_CRT),
                text(m, INPUT_STILL_CRT),
                other(m, INSPIRATION_CRT, PRODUCT_CRT, LOGO_CRT, OUTPUT_STILL_CRT, INPUT_STILL_CRT));
    }

    private static UserMessages userMessages(Map<String, Object> m) {
        List<UserMessages.Line> lines = new ArrayList<>();
        for (Object line : Json.list(m, LINES)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> fields =
                    line instanceof Map<?, ?> map ? (Map<String, Object>) map : Json.obj(TEXT, line);
            String at = text(fields, AT);
            lines.add(new UserMessages.Line(Json.number(fields, SEQ, 0), text(fields, TEXT), instant(at)));
        }
        return new UserMessages(lines, texts(m, SCAN_LINES), text(m, FINAL), other(m, LINES, SCAN_LINES, FINAL));
    }

    private static History history(Map<String, Object> m) {
        return new History(
                text(m, STYLE_HISTORY_CSV),
                (int) Json.number(m, WINDOW, 0),
                Json.bool(m, VISION_INTELLIGENCE, false),
                (int) Json.number(m, SIGNALS_USED, 0),
                other(m, STYLE_HISTORY_CSV, WINDOW, VISION_INTELLIGENCE, SIGNALS_USED));
    }

    private static PreferenceSnapshot preferences(Map<String, Object> m) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Json.object(m, TAG_WEIGHTS)
                .forEach((tag, weight) -> weights.put(tag, weight instanceof Number n ? n.doubleValue() : null));
        return new PreferenceSnapshot(texts(m, HARD_BLOCKS), weights, other(m, HARD_BLOCKS, TAG_WEIGHTS));
    }

    private static Prompts prompts(Map<String, Object> m) {
        MotionSource source = MotionSource.find(text(m, MOTION_SOURCE));
        // A source this release does not know stays in other, and is written back as it was.
        return new Prompts(
                text(m, CLEAN_PROMPT),
                source,
                source == null ? other(m, CLEAN_PROMPT) : other(m, CLEAN_PROMPT, MOTION_SOURCE));
    }

    /** A stored time, or null when it cannot be read (a line's text matters more than its time). */
    private static @Nullable Instant instant(@Nullable String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (java.time.format.DateTimeParseException unreadable) {
            return null;
        }
    }

    private static Outputs outputs(Map<String, Object> m) {
        return new Outputs(
                text(m, STILL_URL),
                text(m, STILL_KEY),
                text(m, VIDEO_URL),
                text(m, VIDEO_KEY),
                text(m, CONTENT_TYPE),
                m.get(BYTES) == null ? null : Json.number(m, BYTES, 0),
                m.get(DURATION) == null ? null : (int) Json.number(m, DURATION, 0),
                text(m, PROVIDER),
                text(m, MODEL),
                other(m, STILL_URL, STILL_KEY, VIDEO_URL, VIDEO_KEY, CONTENT_TYPE, BYTES, DURATION, PROVIDER, MODEL));
    }

    /** Each stage's job; an entry that is not an object is dropped (no stage writes one). */
    private static GenerationDocument.ProviderJobs providerJobs(Map<String, Object> m) {
        Map<String, GenerationDocument.StartedJob> jobs = new LinkedHashMap<>();
        m.forEach((stage, value) -> {
            Map<String, Object> job = section(m, stage);
            if (job != null) {
                jobs.put(
                        stage,
                        new GenerationDocument.StartedJob(
                                text(job, PROVIDER),
                                text(job, JOB_ID),
                                instant(text(job, STARTED_AT)),
                                other(job, PROVIDER, JOB_ID, STARTED_AT)));
            }
        });
        return new GenerationDocument.ProviderJobs(jobs);
    }

    /** The section {@code name} decoded, or null when the row has none (or not an object there). */
    private static <T> @Nullable T decoded(Map<String, ?> vars, String name, Function<Map<String, Object>, T> decoder) {
        Map<String, Object> section = section(vars, name);
        return section == null ? null : decoder.apply(section);
    }

    @SuppressWarnings("unchecked")
    private static @Nullable Map<String, Object> section(Map<String, ?> vars, String name) {
        return vars.get(name) instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    private static Map<String, Object> sectionOrEmpty(Map<String, ?> vars, String name) {
        Map<String, Object> section = section(vars, name);
        return section == null ? Map.of() : section;
    }

    private static @Nullable String text(Map<String, ?> map, String key) {
        return Json.stringOrNull(map, key);
    }

    /** The captions of the inspirations: null for one not scanned yet. */
    private static List<@Nullable String> captions(Map<String, ?> map, String key) {
        List<@Nullable String> captions = new ArrayList<>();
        for (Object item : Json.list(map, key)) {
            captions.add(item == null ? null : item.toString());
        }
        return Collections.unmodifiableList(captions);
    }

    private static List<String> texts(Map<String, ?> map, String key) {
        return Json.list(map, key).stream()
                .map(item -> item == null ? null : item.toString())
                .toList();
    }

    private static Map<String, Object> other(Map<String, ?> map, String... known) {
        Set<String> knownKeys = Set.of(known);
        Map<String, Object> other = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!knownKeys.contains(key)) {
                other.put(key, value);
            }
        });
        return other;
    }
}
