package me.minav3.mma.config;

import static me.minav3.mma.common.Json.obj;

import java.util.List;
import java.util.Map;

/**
 * Version 1 of {@code mma.provider.models}: what each documented model of our adapters accepts. Where each fact
 * comes from is listed in docs/providers.md; a model not listed here is sent as configured, unchecked.
 */
final class ProviderModels {

    private static final List<String> JPEG_PNG = List.of("image/jpeg", "image/png");
    private static final List<String> SEEDREAM_IMAGES =
            List.of("image/jpeg", "image/png", "image/webp", "image/bmp", "image/tiff", "image/gif");
    private static final List<String> OPENAI_IMAGES = List.of("image/jpeg", "image/png", "image/webp", "image/gif");
    private static final List<Integer> FIVE_TEN = List.of(5, 10);
    private static final List<Integer> THREE_TO_FIFTEEN = List.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);

    static final Map<String, Object> VERSION_1 = obj(
            "kling",
                    obj(
                            "kling-v1-6", kling(List.of("std", "pro"), List.of("pro")),
                            "kling-v2-1", kling(List.of("std", "pro"), List.of("pro")),
                            // The master models have one quality (no std/pro choice) and take no end frame.
                            "kling-v2-1-master", kling(List.of(), List.of()),
                            "kling-v2-5-turbo", kling(List.of("std", "pro"), List.of("pro")),
                            // Decision 041: sound (the request's "sound": "on"/"off") only in pro; 5 or 10 s.
                            "kling-v2-6",
                                    klingWithSound(List.of("std", "pro"), List.of("pro"), FIVE_TEN, List.of("pro")),
                            // 3 to 15 s, end frame and sound in both modes (mirrors of Kling's docs, decision 041).
                            "kling-v3",
                                    klingWithSound(
                                            List.of("std", "pro"),
                                            List.of("std", "pro"),
                                            THREE_TO_FIFTEEN,
                                            List.of("std", "pro"))),
            "kling_replicate",
                    obj(
                            "kwaivgi/kling-v2.1",
                            obj(
                                    "image_types",
                                    JPEG_PNG,
                                    "max_images",
                                    1,
                                    "modes",
                                    List.of("standard", "pro"),
                                    "end_frame_modes",
                                    List.of("pro"),
                                    "durations",
                                    FIVE_TEN,
                                    "sound",
                                    false),
                            // No mode and no end frame input; 5 or 10 s (decision 041).
                            "kwaivgi/kling-v2.5-turbo-pro",
                            obj(
                                    "image_types",
                                    JPEG_PNG,
                                    "max_images",
                                    1,
                                    "end_frame_modes",
                                    List.of(),
                                    "durations",
                                    FIVE_TEN,
                                    "sound",
                                    false),
                            // Sound through "generate_audio"; no mode input, no end frame (decision 041).
                            "kwaivgi/kling-v2.6",
                            obj(
                                    "image_types",
                                    JPEG_PNG,
                                    "max_images",
                                    1,
                                    "end_frame_modes",
                                    List.of(),
                                    "durations",
                                    FIVE_TEN,
                                    "sound",
                                    true)),
            "seedream",
                    obj(
                            // Text to image only: no image input, no sequential generation, at most 2048x2048.
                            "seedream-3-0-t2i-250415",
                                    obj(
                                            "max_images",
                                            0,
                                            "min_pixels",
                                            512 * 512,
                                            "max_pixels",
                                            2048 * 2048,
                                            "min_side",
                                            512,
                                            "max_side",
                                            2048,
                                            "params",
                                            List.of("size", "seed", "guidance_scale", "response_format", "watermark")),
                            "seedream-4-0-250828", seedream4(List.of("1K", "2K", "4K"), 1280 * 720),
                            "seedream-4-5-251128", seedream4(List.of("2K", "4K"), 2560 * 1440)),
            "seedream_replicate",
                    obj(
                            "bytedance/seedream-4",
                                    obj(
                                            "image_types",
                                            SEEDREAM_IMAGES,
                                            "max_images",
                                            10,
                                            "qualities",
                                            List.of("1K", "2K", "4K"),
                                            "min_side",
                                            1024,
                                            "max_side",
                                            4096),
                            "bytedance/seedream-4.5",
                                    obj(
                                            "image_types",
                                            SEEDREAM_IMAGES,
                                            "max_images",
                                            14,
                                            "qualities",
                                            List.of("2K", "4K"),
                                            "min_side",
                                            1024,
                                            "max_side",
                                            4096,
                                            "min_pixels",
                                            2560 * 1440)),
            "openai",
                    obj(
                            "gpt-4.1-mini", chat(),
                            "gpt-4.1", chat(),
                            "gpt-4.1-nano", chat(),
                            "gpt-4o", chat(),
                            "gpt-4o-mini", chat(),
                            // Reasoning models: max_completion_tokens only (max_tokens is refused), no temperature.
                            "o1*", reasoning(),
                            "o3*", reasoning(),
                            "o4*", reasoning(),
                            "gpt-5*", reasoning()));

    private ProviderModels() {}

    private static Map<String, Object> kling(List<String> modes, List<String> endFrameModes) {
        return obj(
                "image_types",
                JPEG_PNG,
                "max_images",
                1,
                "modes",
                modes,
                "end_frame_modes",
                endFrameModes,
                "durations",
                FIVE_TEN,
                "sound",
                false);
    }

    private static Map<String, Object> klingWithSound(
            List<String> modes, List<String> endFrameModes, List<Integer> durations, List<String> soundModes) {
        Map<String, Object> entry = kling(modes, endFrameModes);
        entry.put("durations", durations);
        entry.put("sound", true);
        entry.put("sound_modes", soundModes);
        return entry;
    }

    private static Map<String, Object> seedream4(List<String> qualities, int minPixels) {
        return obj(
                "image_types",
                SEEDREAM_IMAGES,
                "max_images",
                14,
                "qualities",
                qualities,
                "min_pixels",
                minPixels,
                "max_pixels",
                4096 * 4096,
                "params",
                List.of("image", "size", "seed", "sequential_image_generation", "response_format", "watermark"));
    }

    private static Map<String, Object> chat() {
        return obj(
                "image_types",
                OPENAI_IMAGES,
                "params",
                List.of("temperature", "max_completion_tokens", "max_tokens", "response_format"));
    }

    private static Map<String, Object> reasoning() {
        return obj(
                "image_types",
                OPENAI_IMAGES,
                "params",
                List.of("max_completion_tokens", "reasoning_effort", "response_format"));
    }
}
