package me.minav3.mma.taste;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The style tags MMA recognises in prompts, captions and styles (light, palette, mood, composition, setting,
 * finish). A small, curated list keeps the taste summary readable and stable across providers.
 */
public final class StyleVocabulary {

    private static final List<String> TAGS = List.of(
            // light
            "soft light",
            "harsh light",
            "natural light",
            "morning light",
            "golden hour",
            "neon",
            "studio light",
            "backlight",
            "dramatic light",
            "moody light",
            "candlelight",
            "sunlight",
            "shadows",
            // palette
            "pastel",
            "monochrome",
            "earthy",
            "vibrant",
            "muted",
            "warm tones",
            "cool tones",
            "black and white",
            "matcha green",
            "green",
            "pink",
            "red",
            "blue",
            "gold",
            "beige",
            "cream",
            "white",
            "black",
            "purple",
            "orange",
            // mood
            "minimal",
            "cozy",
            "luxurious",
            "playful",
            "calm",
            "bold",
            "moody",
            "elegant",
            "rustic",
            "futuristic",
            "romantic",
            "fresh",
            // composition
            "close-up",
            "flat lay",
            "overhead",
            "wide shot",
            "macro",
            "symmetrical",
            "negative space",
            "centered",
            // setting and material
            "marble",
            "wood",
            "linen",
            "concrete",
            "glass",
            "ceramic",
            "outdoor",
            "kitchen",
            "cafe",
            "studio",
            "botanical",
            "water",
            // finish
            "editorial",
            "cinematic",
            "film grain",
            "vintage",
            "clean",
            "glossy",
            "matte",
            "surreal",
            "people");

    private StyleVocabulary() {}

    /** The known tags found in free text, in vocabulary order; "matcha green" does not also count as "green". */
    public static Set<String> tagsIn(String text) {
        Set<String> found = new LinkedHashSet<>();
        if (text == null || text.isBlank()) {
            return found;
        }
        String remaining = " " + text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s&'/-]", " ") + " ";
        for (String tag : TAGS) {
            Pattern pattern = Pattern.compile("(?<![\\p{L}\\p{N}-])" + Pattern.quote(tag) + "(?![\\p{L}\\p{N}-])");
            var matcher = pattern.matcher(remaining);
            if (matcher.find()) {
                found.add(tag);
                remaining = matcher.replaceAll(" ");
            }
        }
        return found;
    }

    public static List<String> all() {
        return TAGS;
    }
}
