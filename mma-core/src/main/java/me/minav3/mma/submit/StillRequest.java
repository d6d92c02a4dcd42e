package me.minav3.mma.submit;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.common.AspectRatio;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.GenerationDocument.StillSettings;
import me.minav3.mma.studio.UserText;
import org.jspecify.annotations.Nullable;

/**
 * What a user asks for when they click Create (spec §4): a brief and/or images, a style (None by default), an
 * aspect ratio and a few settings. Validates itself: an invalid request cannot exist.
 *
 * @param requestId optional idempotency key: the same key from the same user always means the same generation
 * @param session   the studio session it is made in (null: none)
 * @param styleIds  the chosen styles (presets or the user's own, issue 24.3); none means None
 * @param engine    the still engine ({@code mma.engines}, issue 22); null: the default engine
 */
public record StillRequest(
        PassId passId,
        String brief,
        String style,
        AspectRatio aspectRatio,
        @Nullable String productUrl,
        @Nullable String logoUrl,
        List<String> inspirationUrls,
        Map<String, Object> settings,
        @Nullable RequestId requestId,
        @Nullable StudioSession session,
        List<String> styleIds,
        @Nullable String engine) {

    public static final int MAX_BRIEF = 2000;
    public static final String NO_STYLE = "None";
    private static final Set<String> QUALITIES = Set.of("1K", "2K", "4K");
    /** At most this many style ids in one request; the configured limit ({@code mma.styles}) is checked on submit. */
    public static final int MAX_STYLE_IDS = 20;

    private static final Set<String> QUALITY_ONLY = Set.of("quality");

    public StillRequest {
        Objects.requireNonNull(passId, "pass id");
        brief = brief == null ? "" : brief.strip();
        style = style == null || style.isBlank() ? NO_STYLE : style.strip();
        aspectRatio = aspectRatio == null ? AspectRatio.DEFAULT : aspectRatio;
        productUrl = blankToNull(productUrl);
        logoUrl = blankToNull(logoUrl);
        inspirationUrls = inspirationUrls == null
                ? List.of()
                : inspirationUrls.stream()
                        .map(StillRequest::blankToNull)
                        .filter(Objects::nonNull)
                        .toList();
        settings = Json.copy(settings);
        styleIds = styleIds == null
                ? List.of()
                : styleIds.stream()
                        .map(StillRequest::blankToNull)
                        .filter(Objects::nonNull)
                        .distinct()
                        .toList();
        if (styleIds.size() > MAX_STYLE_IDS) {
            throw new InvalidInput("at most " + MAX_STYLE_IDS + " style ids");
        }
        styleIds.forEach(id -> UserText.check("a style id", id));
        engine = blankToNull(engine);
        if (engine != null && !engine.matches("[a-z][a-z0-9_]{0,31}")) {
            throw new InvalidInput("engine is a name like main or niche");
        }
        UserText.check("the brief", brief);
        UserText.check("the style", style);
        UserText.check("the product link", productUrl);
        UserText.check("the logo link", logoUrl);
        inspirationUrls.forEach(url -> UserText.check("an inspiration link", url));
        if (brief.length() > MAX_BRIEF) {
            throw new InvalidInput("the brief is at most " + MAX_BRIEF + " characters");
        }
        if (brief.isEmpty() && productUrl == null && logoUrl == null && inspirationUrls.isEmpty()) {
            throw new InvalidInput("describe what you want, or add an image");
        }
        if (style.length() > 80) {
            throw new InvalidInput("a style name is at most 80 characters");
        }
        if (inspirationUrls.size() > AssetKind.MAX_INSPIRATIONS) {
            throw new InvalidInput("at most " + AssetKind.MAX_INSPIRATIONS + " inspiration images");
        }
        if (settings.containsKey("strength")) {
            // Decision 032: no configured image model documents a style-strength input (Seedream 4 on BytePlus and
            // on Replicate take prompt, images and size only), so a strength would be silently ignored.
            throw new InvalidInput("strength is not supported: the image model has no style-strength input; "
                    + "choose fewer or different styles instead");
        }
        for (String key : settings.keySet()) {
            if (!QUALITY_ONLY.contains(key)) {
                throw new InvalidInput("unknown setting '" + key + "' (known: quality)");
            }
        }
        Object quality = settings.get("quality");
        if (quality != null && !QUALITIES.contains(quality.toString())) {
            throw new InvalidInput("quality is 1K, 2K or 4K");
        }
    }

    /** A request on the default engine. */
    public StillRequest(
            PassId passId,
            String brief,
            String style,
            AspectRatio aspectRatio,
            @Nullable String productUrl,
            @Nullable String logoUrl,
            List<String> inspirationUrls,
            Map<String, Object> settings,
            @Nullable RequestId requestId,
            @Nullable StudioSession session,
            List<String> styleIds) {
        this(
                passId,
                brief,
                style,
                aspectRatio,
                productUrl,
                logoUrl,
                inspirationUrls,
                settings,
                requestId,
                session,
                styleIds,
                null);
    }

    /** A request without chosen styles (or with a style given by name only). */
    public StillRequest(
            PassId passId,
            String brief,
            String style,
            AspectRatio aspectRatio,
            @Nullable String productUrl,
            @Nullable String logoUrl,
            List<String> inspirationUrls,
            Map<String, Object> settings,
            @Nullable RequestId requestId,
            @Nullable StudioSession session) {
        this(
                passId,
                brief,
                style,
                aspectRatio,
                productUrl,
                logoUrl,
                inspirationUrls,
                settings,
                requestId,
                session,
                List.of());
    }

    /** The same request with these styles chosen. */
    public StillRequest withStyles(List<String> ids) {
        return new StillRequest(
                passId,
                brief,
                style,
                aspectRatio,
                productUrl,
                logoUrl,
                inspirationUrls,
                settings,
                requestId,
                session,
                ids,
                engine);
    }

    /** The same request on another still engine (null: the default). */
    public StillRequest withEngine(@Nullable String name) {
        return new StillRequest(
                passId,
                brief,
                style,
                aspectRatio,
                productUrl,
                logoUrl,
                inspirationUrls,
                settings,
                requestId,
                session,
                styleIds,
                name);
    }

    /** The same request with its images replaced (e.g. by their stored, permanent URLs). */
    public StillRequest withImages(@Nullable String product, @Nullable String logo, List<String> inspirations) {
        return new StillRequest(
                passId,
                brief,
                style,
                aspectRatio,
                product,
                logo,
                inspirations,
                settings,
                requestId,
                session,
                styleIds,
                engine);
    }

    /** The same request under another idempotency key (a retry of a request that failed). */
    public StillRequest withRequestId(@Nullable RequestId newRequestId) {
        return new StillRequest(
                passId,
                brief,
                style,
                aspectRatio,
                productUrl,
                logoUrl,
                inspirationUrls,
                settings,
                newRequestId,
                session,
                styleIds,
                engine);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The generation's settings: what the user set, its aspect ratio and style, and quality 2K unless set. */
    StillSettings stillSettings(String chosenStyle) {
        return stillSettings(chosenStyle, null);
    }

    /** The same, on a still engine ({@code engineName} null: none recorded, as before issue 22). */
    StillSettings stillSettings(String chosenStyle, @Nullable String engineName) {
        var rest = new java.util.LinkedHashMap<String, Object>(settings);
        Object quality = rest.remove("quality");
        return new StillSettings(
                aspectRatio.wire(), chosenStyle, quality == null ? "2K" : quality.toString(), engineName, rest);
    }
}
