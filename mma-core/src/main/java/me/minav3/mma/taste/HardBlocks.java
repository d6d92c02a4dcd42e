package me.minav3.mma.taste;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The guarantee behind the user's hard blocks: whatever a model wrote, no clause of the final prompt mentions a
 * blocked tag — not even negated ("no neon" still says neon). Clauses that do are removed.
 */
public final class HardBlocks {

    /** The prompt left when every clause was blocked. */
    public static final String NEUTRAL_PROMPT =
            "An editorial product still, clean composition, soft even light, calm palette.";

    /** The cleaned prompt and what was taken out. */
    public record Scrubbed(String prompt, List<String> removed) {}

    private HardBlocks() {}

    public static Scrubbed scrub(String prompt, Collection<String> blocks) {
        if (prompt == null || blocks.isEmpty()) {
            return new Scrubbed(prompt, List.of());
        }
        List<Pattern> patterns = blocks.stream().map(HardBlocks::pattern).toList();
        List<String> kept = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String clause : prompt.split("(?<=[,;.!?:\\n])")) {
            if (patterns.stream().anyMatch(p -> p.matcher(clause).find())) {
                removed.add(clause.strip());
            } else {
                kept.add(clause);
            }
        }
        String cleaned =
                String.join("", kept).strip().replaceAll("^[,;:.\\s]+", "").replaceAll("[,;:]\\s*$", ".");
        if (cleaned.isBlank()) {
            cleaned = NEUTRAL_PROMPT;
        }
        return new Scrubbed(cleaned, removed);
    }

    /** True when the text mentions a blocked tag. */
    public static boolean mentions(String text, Collection<String> blocks) {
        return text != null
                && blocks.stream().anyMatch(b -> pattern(b).matcher(text).find());
    }

    private static Pattern pattern(String block) {
        String words = Pattern.quote(block.toLowerCase(Locale.ROOT).strip());
        // Whole words, with simple plurals: "person" blocks "persons", "light" blocks "lights".
        return Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + words + "(s|es)?(?![\\p{L}\\p{N}])");
    }
}
