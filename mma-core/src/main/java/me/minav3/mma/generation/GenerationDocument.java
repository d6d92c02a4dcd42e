package me.minav3.mma.generation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.customers.Preferences;
import org.jspecify.annotations.Nullable;

/**
 * A generation's data ({@code mg_mma_vars}), one record per section. The sections written when the generation is
 * submitted (inputs, assets, settings, scans, userMessages) are always there; history, preferences, prompts,
 * outputs and providerJobs are null until a stage writes them. Every record keeps the keys this release does not know in
 * {@code other}; {@link GenerationDocumentCodec} maps it to and from the stored JSON.
 */
public record GenerationDocument(
        @Nullable GenerationKind kind,
        @Nullable GenerationInputs inputs,
        @Nullable Assets assets,
        @Nullable Settings settings,
        @Nullable Scans scans,
        @Nullable UserMessages userMessages,
        @Nullable History history,
        @Nullable PreferenceSnapshot preferences,
        @Nullable Prompts prompts,
        @Nullable Outputs outputs,
        @Nullable ProviderJobs providerJobs,
        Map<String, Object> other) {

    /**
     * {@code kind} is null only for a row of a kind this release does not know: then every section is null and the
     * whole stored JSON is in {@code other}, written back as it was (the engine refuses to plan it).
     */
    public GenerationDocument {
        other = Json.copy(other);
    }

    /** A document as it is submitted: no stage has run yet. */
    public static GenerationDocument submitted(
            GenerationKind kind,
            @Nullable GenerationInputs inputs,
            @Nullable Assets assets,
            @Nullable Settings settings,
            @Nullable Scans scans) {
        Objects.requireNonNull(kind, "kind");
        return new GenerationDocument(
                kind, inputs, assets, settings, scans, UserMessages.EMPTY, null, null, null, null, null, Map.of());
    }

    public GenerationDocument withScans(Scans newScans) {
        return written(newScans, userMessages, history, preferences, prompts, outputs);
    }

    public GenerationDocument withUserMessages(UserMessages messages) {
        return written(scans, messages, history, preferences, prompts, outputs);
    }

    public GenerationDocument withHistory(History newHistory) {
        return written(scans, userMessages, newHistory, preferences, prompts, outputs);
    }

    public GenerationDocument withPreferences(PreferenceSnapshot snapshot) {
        return written(scans, userMessages, history, snapshot, prompts, outputs);
    }

    public GenerationDocument withPrompts(Prompts newPrompts) {
        return written(scans, userMessages, history, preferences, newPrompts, outputs);
    }

    public GenerationDocument withOutputs(Outputs newOutputs) {
        return written(scans, userMessages, history, preferences, prompts, newOutputs);
    }

    /** The same document with the provider job a stage started recorded (replacing one recorded before). */
    public GenerationDocument withProviderJob(String stageType, StartedJob job) {
        return new GenerationDocument(
                kind,
                inputs,
                assets,
                settings,
                scans,
                userMessages,
                history,
                preferences,
                prompts,
                outputs,
                (providerJobs == null ? ProviderJobs.NONE : providerJobs).with(stageType, job),
                other);
    }

    /** The provider job a stage started, if one was recorded. */
    public Optional<StartedJob> providerJob(String stageType) {
        return providerJobs == null
                ? Optional.empty()
                : Optional.ofNullable(providerJobs.byStage().get(stageType));
    }

    /** The same submission with the sections the stages write replaced. */
    private GenerationDocument written(
            @Nullable Scans newScans,
            @Nullable UserMessages messages,
            @Nullable History newHistory,
            @Nullable PreferenceSnapshot snapshot,
            @Nullable Prompts newPrompts,
            @Nullable Outputs newOutputs) {
        return new GenerationDocument(
                kind,
                inputs,
                assets,
                settings,
                newScans,
                messages,
                newHistory,
                snapshot,
                newPrompts,
                newOutputs,
                providerJobs,
                other);
    }

    /*
     * The sections a submission writes, for the stages: every document of a known kind has them (decode fills in
     * a missing one), only a row of a kind this release does not know has none, and the engine never plans one.
     */

    public GenerationInputs requireInputs() {
        return Objects.requireNonNull(inputs, "inputs");
    }

    public Assets requireAssets() {
        return Objects.requireNonNull(assets, "assets");
    }

    public Settings requireSettings() {
        return Objects.requireNonNull(settings, "settings");
    }

    public Scans requireScans() {
        return Objects.requireNonNull(scans, "scans");
    }

    /** The stored user messages, or none yet. */
    public UserMessages messages() {
        return userMessages == null ? UserMessages.EMPTY : userMessages;
    }

    /** The prompt written so far, or null. */
    public @Nullable String cleanPrompt() {
        return prompts == null ? null : prompts.cleanPrompt();
    }

    /** The prompts section to write into (empty when none was written yet). */
    public Prompts promptsOrNone() {
        return prompts == null ? Prompts.NONE : prompts;
    }

    /** The images a generation starts from: a still's references, or a video's start and end images. */
    public sealed interface Assets {
        Map<String, Object> other();
    }

    /** A still's reference images (our permanent URLs; null when not given). */
    public record StillAssets(
            @Nullable String productUrl,
            @Nullable String logoUrl,
            @Nullable List<String> inspirationUrls,
            List<ChosenStyle> styles,
            Map<String, Object> other)
            implements Assets {
        public StillAssets {
            inspirationUrls = inspirationUrls == null ? null : copyOf(inspirationUrls);
            styles = styles == null ? List.of() : List.copyOf(styles);
            other = Json.copy(other);
        }

        public StillAssets(
                @Nullable String productUrl,
                @Nullable String logoUrl,
                @Nullable List<String> inspirationUrls,
                Map<String, Object> other) {
            this(productUrl, logoUrl, inspirationUrls, List.of(), other);
        }

        public StillAssets(
                @Nullable String productUrl, @Nullable String logoUrl, @Nullable List<String> inspirationUrls) {
            this(productUrl, logoUrl, inspirationUrls, List.of(), Map.of());
        }

        /** The reference images of every chosen style, in the order the styles were chosen. */
        public List<String> styleReferenceUrls() {
            return styles.stream().flatMap(s -> s.referenceUrls().stream()).toList();
        }
    }

    /**
     * A style chosen for a still (issue 24.3): a published preset or one of the user's own styles, with its prompt
     * cue (empty for a user's style) and the permanent URLs of its reference images, as they were when submitted.
     */
    public record ChosenStyle(String id, String name, String cue, List<String> referenceUrls) {
        public ChosenStyle {
            java.util.Objects.requireNonNull(id, "style id");
            java.util.Objects.requireNonNull(name, "style name");
            cue = cue == null ? "" : cue;
            referenceUrls = List.copyOf(referenceUrls);
        }
    }

    /** What a video animates: its start image, optional end image, and the still it came from (or null). */
    public record MotionAssets(
            @Nullable String startImageUrl,
            @Nullable String endImageUrl,
            @Nullable String stillId,
            Map<String, Object> other)
            implements Assets {
        public MotionAssets {
            other = Json.copy(other);
        }

        public MotionAssets(@Nullable String startImageUrl, @Nullable String endImageUrl, @Nullable String stillId) {
            this(startImageUrl, endImageUrl, stillId, Map.of());
        }
    }

    /** How it is made; the settings are also handed to the provider. */
    public sealed interface Settings {
        @Nullable
        String aspectRatio();

        Map<String, Object> other();
    }

    /** A still's settings; {@code other} holds the rest of what the user set (e.g. {@code strength}). */
    public record StillSettings(
            @Nullable String aspectRatio,
            @Nullable String style,
            @Nullable String quality,
            @Nullable String engine,
            Map<String, Object> other)
            implements Settings {
        public StillSettings {
            other = Json.copy(other);
        }

        /** Settings without a recorded engine (the default engine; every still before issue 22). */
        public StillSettings(
                @Nullable String aspectRatio,
                @Nullable String style,
                @Nullable String quality,
                Map<String, Object> other) {
            this(aspectRatio, style, quality, null, other);
        }

        /** The same settings on another engine (a tweak that switches engine). */
        public StillSettings withEngine(@Nullable String name) {
            return new StillSettings(aspectRatio, style, quality, name, other);
        }
    }

    /** A video's length in seconds and its aspect ratio. */
    public record MotionSettings(int duration, @Nullable String aspectRatio, Map<String, Object> other, boolean sound)
            implements Settings {
        public MotionSettings {
            other = Json.copy(other);
        }

        /** A silent video's settings. */
        public MotionSettings(int duration, @Nullable String aspectRatio, Map<String, Object> other) {
            this(duration, aspectRatio, other, false);
        }

        public MotionSettings(int duration, @Nullable String aspectRatio) {
            this(duration, aspectRatio, Map.of(), false);
        }

        /** A video with sound on or off (decision 041). */
        public MotionSettings(int duration, @Nullable String aspectRatio, boolean sound) {
            this(duration, aspectRatio, Map.of(), sound);
        }
    }

    /**
     * The captions of the images (null: not scanned); {@code inspirationCaptions} is null for a video and holds
     * null for an inspiration not scanned yet.
     */
    public record Scans(
            @Nullable List<@Nullable String> inspirationCaptions,
            @Nullable String productCaption,
            @Nullable String logoCaption,
            @Nullable String outputStillCaption,
            @Nullable String inputStillCaption,
            Map<String, Object> other) {

        /** A still's scans before any ran. */
        public static final Scans STILL = new Scans(List.of(), null, null, null, null, Map.of());
        /** A video's scans before any ran. */
        public static final Scans MOTION = new Scans(null, null, null, null, null, Map.of());

        public Scans {
            inspirationCaptions = inspirationCaptions == null ? null : copyOf(inspirationCaptions);
            other = Json.copy(other);
        }

        public Scans withProductCaption(@Nullable String caption) {
            return new Scans(inspirationCaptions, caption, logoCaption, outputStillCaption, inputStillCaption, other);
        }

        public Scans withLogoCaption(@Nullable String caption) {
            return new Scans(
                    inspirationCaptions, productCaption, caption, outputStillCaption, inputStillCaption, other);
        }

        /** The caption of inspiration {@code index}, the ones before it kept (or null when not scanned yet). */
        public Scans withInspirationCaption(int index, @Nullable String caption) {
            List<@Nullable String> captions =
                    new ArrayList<>(inspirationCaptions == null ? List.of() : inspirationCaptions);
            while (captions.size() <= index) {
                captions.add(null);
            }
            captions.set(index, caption);
            return new Scans(captions, productCaption, logoCaption, outputStillCaption, inputStillCaption, other);
        }

        public Scans withOutputStillCaption(@Nullable String caption) {
            return new Scans(inspirationCaptions, productCaption, logoCaption, caption, inputStillCaption, other);
        }

        public Scans withInputStillCaption(@Nullable String caption) {
            return new Scans(inspirationCaptions, productCaption, logoCaption, outputStillCaption, caption, other);
        }
    }

    /** The friendly lines of a run (replayed to a refreshed page), the scans' lines and the reader's last word. */
    public record UserMessages(
            List<Line> lines,
            List<String> scanLines,
            @Nullable String finalLine,
            Map<String, Object> other) {

        public static final UserMessages EMPTY = new UserMessages(List.of(), List.of(), null, Map.of());

        public UserMessages {
            lines = List.copyOf(lines);
            scanLines = copyOf(scanLines);
            other = Json.copy(other);
        }

        public UserMessages withLine(Line line) {
            List<Line> more = new ArrayList<>(lines);
            more.add(line);
            return new UserMessages(more, scanLines, finalLine, other);
        }

        public UserMessages withScanLine(String line) {
            List<String> more = new ArrayList<>(scanLines);
            more.add(line);
            return new UserMessages(lines, more, finalLine, other);
        }

        public UserMessages withFinal(@Nullable String line) {
            return new UserMessages(lines, scanLines, line, other);
        }

        /** One friendly line, numbered from 1. */
        public record Line(
                long seq, @Nullable String text, @Nullable Instant at) {}
    }

    /** What {@code like_history} found: the taste summary the reader used. */
    public record History(
            @Nullable String styleHistoryCsv,
            int window,
            boolean visionIntelligence,
            int signalsUsed,
            Map<String, Object> other) {
        public History {
            other = Json.copy(other);
        }

        public History(@Nullable String styleHistoryCsv, int window, boolean visionIntelligence, int signalsUsed) {
            this(styleHistoryCsv, window, visionIntelligence, signalsUsed, Map.of());
        }
    }

    /** The customer's preferences as they were when the prompt was written. */
    public record PreferenceSnapshot(
            List<String> hardBlocks, Map<String, Double> tagWeights, Map<String, Object> other) {
        public PreferenceSnapshot {
            hardBlocks = copyOf(hardBlocks);
            tagWeights = Collections.unmodifiableMap(new LinkedHashMap<>(tagWeights));
            other = Json.copy(other);
        }

        public static PreferenceSnapshot of(Preferences preferences) {
            return new PreferenceSnapshot(preferences.hardBlocks(), preferences.tagWeights(), Map.of());
        }
    }

    /** The prompt the provider gets, and for a video where its motion came from (null for a still). */
    public record Prompts(
            @Nullable String cleanPrompt, @Nullable MotionSource motionSource, Map<String, Object> other) {

        /** An empty section (a motion reader that fails leaves one behind, as stored before). */
        public static final Prompts NONE = new Prompts(null, null, Map.of());

        public Prompts {
            other = Json.copy(other);
        }

        public Prompts withCleanPrompt(@Nullable String prompt) {
            return new Prompts(prompt, motionSource, other);
        }

        public Prompts withMotion(@Nullable String prompt, @Nullable MotionSource source) {
            return new Prompts(prompt, source, other);
        }
    }

    /** Where a video's prompt came from ({@code prompts.motion_source}). */
    public enum MotionSource {
        WRITTEN_BY_MMA("written_by_mma"),
        USER_TEXT_CLEANED("user_text_cleaned"),
        USER_TEXT_AS_IS("user_text_as_is"),
        FEEDBACK("feedback");

        private final String wire;

        MotionSource(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        /** The source stored as {@code wire}, or null for one this release does not know. */
        public static @Nullable MotionSource find(@Nullable String wire) {
            for (MotionSource source : values()) {
                if (source.wire.equals(wire)) {
                    return source;
                }
            }
            return null;
        }
    }

    /** The stored artifact: a still's or a video's URL and key, its type and size, and who made it. */
    public record Outputs(
            @Nullable String stillUrl,
            @Nullable String stillKey,
            @Nullable String videoUrl,
            @Nullable String videoKey,
            @Nullable String contentType,
            @Nullable Long bytes,
            @Nullable Integer duration,
            @Nullable String provider,
            @Nullable String model,
            Map<String, Object> other) {
        public Outputs {
            other = Json.copy(other);
        }

        public static Outputs still(StoredAsset stored, @Nullable String provider, @Nullable String model) {
            return new Outputs(
                    stored.url(),
                    stored.key().value(),
                    null,
                    null,
                    stored.type().contentType(),
                    stored.bytes(),
                    null,
                    provider,
                    model,
                    Map.of());
        }

        public static Outputs video(
                StoredAsset stored, int seconds, @Nullable String provider, @Nullable String model) {
            return new Outputs(
                    null,
                    null,
                    stored.url(),
                    stored.key().value(),
                    stored.type().contentType(),
                    stored.bytes(),
                    seconds,
                    provider,
                    model,
                    Map.of());
        }

        /** The artifact's URL for a generation that makes {@code mode}. */
        public @Nullable String url(MmaMode mode) {
            return mode == MmaMode.VIDEO ? videoUrl : stillUrl;
        }

        public @Nullable String key(MmaMode mode) {
            return mode == MmaMode.VIDEO ? videoKey : stillKey;
        }
    }

    /**
     * The paid jobs the generate stages started at providers, by stage type, each recorded the moment the provider
     * gave its id, so that a stage run again polls the job instead of starting a second one.
     */
    public record ProviderJobs(Map<String, StartedJob> byStage) {
        public static final ProviderJobs NONE = new ProviderJobs(Map.of());

        public ProviderJobs {
            byStage = Collections.unmodifiableMap(new LinkedHashMap<>(byStage));
        }

        ProviderJobs with(String stageType, StartedJob job) {
            var jobs = new LinkedHashMap<>(byStage);
            jobs.put(Objects.requireNonNull(stageType, "stage type"), Objects.requireNonNull(job, "job"));
            return new ProviderJobs(jobs);
        }
    }

    /** One job a provider runs for us: which provider (adapter name), its id there, and when it was started. */
    public record StartedJob(
            @Nullable String provider,
            @Nullable String jobId,
            @Nullable Instant startedAt,
            Map<String, Object> other) {
        public StartedJob {
            other = Json.copy(other);
        }

        public StartedJob(@Nullable String provider, @Nullable String jobId, @Nullable Instant startedAt) {
            this(provider, jobId, startedAt, Map.of());
        }
    }

    private static <T extends @Nullable Object> List<T> copyOf(List<T> list) {
        return Collections.unmodifiableList(new ArrayList<>(list));
    }
}
