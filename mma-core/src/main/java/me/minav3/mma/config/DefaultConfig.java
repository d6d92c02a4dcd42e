package me.minav3.mma.config;

import static me.minav3.mma.common.Json.obj;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import me.minav3.mma.limits.policy.LimitPolicy;
import me.minav3.mma.providers.models.StillEngines;
import me.minav3.mma.styles.catalog.StyleCatalog;

/**
 * Version 1 of every config key, seeded on first start. Changing a value here changes only new installations;
 * running ones publish a new version ({@code mina config publish}).
 */
public final class DefaultConfig {

    /** BiRefNet on Replicate, the version the product this backend replaces pinned (decision 046). */
    static final String BIREFNET = "men1scus/birefnet:f74986db0355b58403ed20963af156525e2891ea3c2d499bfbfb2a28cd87c5d7";

    private static final Map<String, Map<String, Object>> VALUES = build();

    private DefaultConfig() {}

    public static Map<String, Map<String, Object>> values() {
        return VALUES;
    }

    private static Map<String, Map<String, Object>> build() {
        Map<String, Map<String, Object>> v = new LinkedHashMap<>();
        v.put(ConfigKeys.CTX_SCANNER, context("""
                You are MMA's image scanner for an editorial product studio. You receive one image and its role \
                (product, logo, inspiration, output_still or input_still). Describe what a photographer and art \
                director need to know to reuse it: the subject, materials, colours (name them), light, composition, \
                background and mood. For a logo, describe its shapes, colours and lettering. For an inspiration, \
                describe the style to borrow, not the objects. Be factual; never invent text that is not visible.
                Reply with JSON: {"crt": one dense caption of at most 80 words, "userMessage": one short, friendly \
                line (at most 12 words) telling the user what you noticed, e.g. "Lovely matte glass bottle—noted."}"""));
        v.put(ConfigKeys.CTX_READER, context("""
                You are MMA's prompt writer for Seedream, an image model for editorial stills. You receive the user's \
                brief, the chosen style (or none) with its style_cues, captions of the uploaded product, logo and \
                inspiration images, a taste summary (style_history_csv) and the user's preferences: hard_blocks and tag_weights.
                Write one clean, concrete prompt: subject first, then setting, composition, light, colour palette, \
                lens and mood. Follow every style cue; the style's reference images are also given to the image \
                model. Keep the product exactly as captioned. Lean towards tags with positive weights and \
                away from negative ones. Never mention, imply or include anything listed in hard_blocks, not even \
                negated. No brand names unless they appear in the brief or on the product. At most 120 words.
                Reply with JSON: {"clean_prompt": the prompt, "userMessage": one warm line (at most 16 words) \
                telling the user what you are about to make}."""));
        v.put(ConfigKeys.CTX_READER_NICHE, context("""
                You are MMA's prompt writer for Gemini image ("Nano Banana"), a model that reads full sentences, not \
                keyword lists. You receive the user's brief, the chosen style (or none) with its style_cues, captions \
                of the uploaded product, logo and inspiration images, a taste summary (style_history_csv) and the \
                user's preferences: hard_blocks and tag_weights. The images themselves are given to the model in the \
                same order (product, logo, inspirations, style references): refer to them as "the product in the \
                first image" and so on. Describe the scene as a short paragraph a photographer would read: the \
                subject and what it rests on, the setting, the camera (lens, angle, framing for the aspect_ratio), \
                the light and the palette, then the mood. Keep the product and any visible lettering exactly as in \
                its image. Lean towards tags with positive weights and away from negative ones. Never mention, imply \
                or include anything listed in hard_blocks, not even negated. No brand names unless they appear in the \
                brief or on the product. At most 140 words.
                Reply with JSON: {"clean_prompt": the prompt, "userMessage": one warm line (at most 16 words) \
                telling the user what you are about to make}."""));
        v.put(ConfigKeys.CTX_FEEDBACK_STILL, context("""
                You are MMA's prompt editor for Seedream. You receive the previous prompt, a caption of the image it \
                produced, the image itself and the user's feedback (for example "I hate the light you added"). \
                Rewrite the prompt so the next image fixes exactly what the feedback asks and keeps everything else: \
                same subject, product, framing and settings. Respect hard_blocks if given. At most 120 words.
                Reply with JSON: {"clean_prompt": the new prompt}."""));
        v.put(ConfigKeys.CTX_MOTION_SUGGESTION, context("""
                You write motion prompts for a video AI that animates a still image into a 5 or 10 second clip. Look \
                at the image and suggest one simple, natural movement in easy English: what moves, how, and how the \
                camera moves (slow push-in, gentle pan, orbit, still). One or two short sentences, no jargon.
                Reply with JSON: {"sugg_prompt": the motion prompt, "userMessage": one friendly line (at most 12 \
                words) about the idea}."""));
        v.put(ConfigKeys.CTX_READER_MOTION, context("""
                You are MMA's motion prompt writer for Kling, a video model that animates a start image. You receive \
                a caption of the still and the user's motion text (possibly empty). Write one clear motion prompt: \
                the subject's movement, the camera movement, pace and mood, faithful to the image; keep the product \
                unchanged and legible. If the user's text is empty, invent a tasteful, subtle motion. At most 60 words.
                Reply with JSON: {"motion_prompt": the prompt, "userMessage": one friendly line (at most 14 words)}."""));
        v.put(ConfigKeys.CTX_FEEDBACK_MOTION, context("""
                You are MMA's motion prompt editor for Kling. You receive the previous motion prompt, a caption of the \
                still and the user's feedback on the video. Rewrite the motion prompt to address the feedback and \
                keep everything else. At most 60 words.
                Reply with JSON: {"motion_prompt": the new prompt}."""));

        v.put(
                ConfigKeys.PROVIDER_REGISTRY,
                obj(
                        "vision", "openai",
                        "still", "seedream",
                        "still_niche", "gemini",
                        "video", "kling",
                        "edit", "replicate",
                        "commerce", "shopify",
                        "fallback", "local"));
        v.put(
                ConfigKeys.providerDefaults("openai"),
                obj(
                        "model",
                        "gpt-4.1-mini",
                        "temperature",
                        0.4,
                        "max_completion_tokens",
                        700,
                        "inline_images",
                        "auto",
                        "max_concurrency",
                        64,
                        "timeouts",
                        timeouts(5_000, 60_000, 120_000, 3)));
        v.put(
                ConfigKeys.providerDefaults("seedream"),
                obj(
                        "model",
                        "seedream-4-0-250828",
                        "quality",
                        "2K",
                        "watermark",
                        false,
                        "max_concurrency",
                        32,
                        "timeouts",
                        timeouts(5_000, 120_000, 180_000, 3)));
        v.put(
                ConfigKeys.providerDefaults("seedream_replicate"),
                obj(
                        "model",
                        "bytedance/seedream-4",
                        "quality",
                        "2K",
                        "max_concurrency",
                        32,
                        "timeouts",
                        timeouts(5_000, 60_000, 300_000, 3)));
        v.put(
                ConfigKeys.providerDefaults("kling"),
                obj(
                        "model_name",
                        "kling-v2-1",
                        "mode",
                        "std",
                        "negative_prompt",
                        "blurry, distorted product, warped text, flicker",
                        "poll_interval_ms",
                        5_000,
                        "max_concurrency",
                        8,
                        "timeouts",
                        timeouts(5_000, 60_000, 600_000, 3)));
        v.put(
                ConfigKeys.providerDefaults("kling_replicate"),
                obj(
                        "model",
                        "kwaivgi/kling-v2.1",
                        "mode",
                        "standard",
                        "poll_interval_ms",
                        5_000,
                        "max_concurrency",
                        8,
                        "timeouts",
                        timeouts(5_000, 60_000, 600_000, 3)));
        // The niche still engine (issue 22): Gemini image on the Gemini API, or Google's models on Replicate.
        v.put(
                ConfigKeys.providerDefaults("gemini"),
                obj(
                        "model",
                        "gemini-2.5-flash-image",
                        "quality",
                        "2K",
                        "max_concurrency",
                        16,
                        "timeouts",
                        timeouts(5_000, 120_000, 180_000, 3)));
        v.put(
                ConfigKeys.providerDefaults("nano_banana_replicate"),
                obj(
                        "model",
                        "google/nano-banana",
                        "quality",
                        "2K",
                        "max_concurrency",
                        16,
                        "timeouts",
                        timeouts(5_000, 60_000, 300_000, 3)));
        // The edit tools on Replicate (issue 23, decision 046): one model per tool, each with its documented input.
        // men1scus/birefnet is a community model, run by its pinned version.
        v.put(
                ConfigKeys.providerDefaults("replicate"),
                obj(
                        "models",
                        obj(
                                "eraser", "bria/eraser",
                                "inpaint", "bria/genfill",
                                "expand", "bria/expand-image",
                                "remove-background", BIREFNET,
                                "upscale", "bria/increase-resolution",
                                "vectorize", "recraft-ai/recraft-vectorize"),
                        "poll_interval_ms",
                        2_000,
                        "inline_images",
                        "auto",
                        "max_concurrency",
                        16,
                        "timeouts",
                        timeouts(5_000, 60_000, 300_000, 3)));
        v.put(ConfigKeys.ENGINES, StillEngines.VERSION_1);
        v.put(ConfigKeys.PROVIDER_MODELS, ProviderModels.VERSION_1);
        // The local providers work on this machine's CPU (drawing PNGs, encoding H.264): few at a time.
        v.put(
                ConfigKeys.providerDefaults("local"),
                obj("model", "local-v1", "max_concurrency", ProviderConcurrency.byRole(8, 4, 2)));
        v.put(ConfigKeys.providerDefaults("local_niche"), obj("model", "local-niche-v1", "max_concurrency", 4));

        v.put(ConfigKeys.PROVIDER_PRICES, prices());
        v.put(ConfigKeys.COSTS, obj("still", 1, "tweak", 1, "video_per_second", 2));
        // A first visit to the studio receives signup_grant free matcha (expiring 30 days after sign-up); 0 turns it
        // off.
        v.put(ConfigKeys.CREDITS, obj("expiry_days", 30, "signup_grant", 5, "expire_every_seconds", 900));
        v.put(ConfigKeys.TASTE, obj("vision_intelligence", false, "small_window", 5, "large_window", 20));
        v.put(ConfigKeys.PIPELINE, obj("lease_seconds", 120, "max_attempts", 3, "poll_ms", 250));
        v.put(
                ConfigKeys.VIDEO,
                obj(
                        "regen_enabled",
                        false,
                        "default_duration",
                        5,
                        "durations",
                        List.of(5, 10),
                        "pass_through_user_text",
                        false,
                        "estimate_seconds",
                        180));
        // Decision 041: a video costs video_per_second (or the model's own per-second price here) × seconds × the
        // multiplier of the mode it runs in, rounded up; pro at 1.75 follows Kling's list prices (0.098 / 0.056 USD).
        v.put(ConfigKeys.VIDEO_PRICES, obj("models", obj(), "mode_multipliers", obj("std", 1, "pro", 1.75)));
        v.put(
                ConfigKeys.UPLOADS,
                obj(
                        "max_bytes",
                        25L * 1024 * 1024,
                        "max_pixels",
                        50_000_000L,
                        "max_redirects",
                        3,
                        "fetch_timeout_ms",
                        30_000,
                        "max_output_bytes",
                        200L * 1024 * 1024));
        v.put(ConfigKeys.SESSIONS, obj("idle_minutes", 30));
        v.put(ConfigKeys.LIMITS, LimitPolicy.VERSION_1);
        v.put(ConfigKeys.EDIT, me.minav3.mma.pricing.EditPrices.VERSION_1);
        v.put(ConfigKeys.STYLES, StyleCatalog.VERSION_1);
        v.put(ConfigKeys.PACKS, obj("sku_pattern", "MINA-<n>", "overrides", obj()));
        v.put(
                ConfigKeys.SHOPIFY,
                obj(
                        "api_version",
                        "2026-10",
                        "customer_tag",
                        "Mina-users",
                        "variants",
                        obj(),
                        "credit_test_orders",
                        true,
                        "tag_attempts",
                        4,
                        "tag_first_backoff_ms",
                        30_000,
                        "tag_max_backoff_ms",
                        600_000));
        return Collections.unmodifiableMap(v);
    }

    /**
     * The providers' public list prices in USD as checked on 2026-12-05 (sources in docs/providers.md). Prices
     * change: an operator keeps them current with {@code mina config publish mma.provider.prices}.
     */
    private static Map<String, Object> prices() {
        return obj(
                "currency", "USD",
                "checked_on", "2026-12-05",
                "providers",
                        obj(
                                "openai",
                                        obj(
                                                "models",
                                                obj(
                                                        "gpt-4.1", tokens("2.00", "8.00"),
                                                        "gpt-4.1-mini", tokens("0.40", "1.60"),
                                                        "gpt-4.1-nano", tokens("0.10", "0.40"))),
                                "seedream",
                                        obj(
                                                "models",
                                                obj(
                                                        "seedream-4-0-250828", obj("per_image", "0.03"),
                                                        "seedream-4-5-251128", obj("per_image", "0.04"))),
                                "seedream_replicate",
                                        obj("models", obj("bytedance/seedream-4", obj("per_image", "0.03"))),
                                "kling",
                                        obj(
                                                "models",
                                                obj(
                                                        "kling-v2-1",
                                                        obj("per_second", obj("std", "0.056", "pro", "0.098")))),
                                // kling_replicate: no public price could be confirmed; its steps record an unknown cost
                                // until an operator publishes one (docs/providers.md).
                                "local", obj("free", true)));
    }

    private static Map<String, Object> tokens(String perMillionInput, String perMillionOutput) {
        return obj("per_million_input_tokens", perMillionInput, "per_million_output_tokens", perMillionOutput);
    }

    private static Map<String, Object> context(String systemPrompt) {
        return obj("system_prompt", systemPrompt);
    }

    private static Map<String, Object> timeouts(int connectMs, int requestMs, int totalMs, int maxAttempts) {
        return obj("connect_ms", connectMs, "request_ms", requestMs, "total_ms", totalMs, "max_attempts", maxAttempts);
    }
}
