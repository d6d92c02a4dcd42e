package me.minav3.adapters.providers.local;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * The user's taste as the reader gets it: hard blocks and tag weights from {@code preferences}, plus the weights
 * in {@code style_history_csv}. An explicit preference weight wins over the history's weight for the same tag.
 */
final class Taste {

    private static final Pattern CSV_ENTRY = Pattern.compile("^(.+?)(?::\\s*([-+]?[0-9]*\\.?[0-9]+))?$");

    private final Set<String> blocks;
    private final Map<String, Double> weights;

    private Taste(Set<String> blocks, Map<String, Double> weights) {
        this.blocks = blocks;
        this.weights = weights;
    }

    /** Reads {@code preferences} ({hard_blocks, tag_weights}) and {@code style_history_csv} from a step input. */
    static Taste from(Map<String, Object> input) {
        Map<String, Object> preferences = Json.object(input, "preferences");
        Set<String> blocks = new LinkedHashSet<>();
        for (Object block : Json.list(preferences, "hard_blocks")) {
            String tag = tag(String.valueOf(block));
            if (!tag.isEmpty()) {
                blocks.add(tag);
            }
        }
        Map<String, Double> weights = new LinkedHashMap<>(historyWeights(Json.string(input, "style_history_csv", "")));
        Json.object(preferences, "tag_weights").forEach((name, value) -> {
            String tag = tag(name);
            Double weight = number(value);
            if (!tag.isEmpty() && weight != null) {
                weights.put(tag, weight);
            }
        });
        return new Taste(Set.copyOf(blocks), Map.copyOf(weights));
    }

    /** {@code "soft light:2.5, neon:-1, minimal"}: entries split by commas, semicolons or lines; no weight means 1. */
    private static Map<String, Double> historyWeights(String csv) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String entry : csv.split("[,;\\n]")) {
            Matcher matcher = CSV_ENTRY.matcher(entry.strip());
            if (!matcher.matches()) {
                continue;
            }
            String tag = tag(matcher.group(1));
            if (!tag.isEmpty()) {
                weights.merge(tag, matcher.group(2) == null ? 1.0 : Double.parseDouble(matcher.group(2)), Double::sum);
            }
        }
        return weights;
    }

    /** Tags with a positive weight that are not blocked, strongest first (ties by name, so output is stable). */
    List<String> favoured(int limit) {
        return weights.entrySet().stream()
                .filter(e -> e.getValue() > 0 && !isBlocked(e.getKey()))
                .sorted(Map.Entry.<String, Double>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** Tags with a negative weight: left out of everything the reader adds. */
    List<String> disliked() {
        return weights.entrySet().stream()
                .filter(e -> e.getValue() < 0)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    boolean isBlocked(String text) {
        return blocks.stream().anyMatch(block -> mentions(text, block));
    }

    /** Whether the text mentions a hard-blocked or disliked tag. */
    boolean isAvoided(String text) {
        return isBlocked(text) || disliked().stream().anyMatch(tag -> mentions(text, tag));
    }

    /**
     * Whether a blocked or disliked tag appears anywhere in the text, even inside a word ("light" in
     * "daylight"). The stricter test for phrases the writers add themselves, which they can simply leave out.
     */
    boolean touches(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return blocks.stream().anyMatch(lower::contains) || disliked().stream().anyMatch(lower::contains);
    }

    /** The text without any hard-blocked tag, tidied. */
    String withoutBlocks(String text) {
        return without(text, blocks);
    }

    /** The text without any hard-blocked or disliked tag, tidied. */
    String withoutBlocksOrDislikes(String text) {
        List<String> tags = new ArrayList<>(blocks);
        tags.addAll(disliked());
        return without(text, tags);
    }

    static boolean mentions(String text, String tag) {
        return pattern(tag).matcher(text == null ? "" : text).find();
    }

    /**
     * Removes every mention of the tags, with plural endings and the hyphenated compound a tag sits in
     * ("neon-lit"), repeating until none is left, since a removal can join words into a new mention.
     */
    static String without(String text, java.util.Collection<String> tags) {
        String current = text == null ? "" : text;
        List<String> longestFirst = tags.stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .toList();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String tag : longestFirst) {
                Matcher matcher = pattern(tag).matcher(current);
                if (matcher.find()) {
                    current = Phrases.tidy(matcher.replaceAll(" "));
                    changed = true;
                }
            }
        }
        return Phrases.tidy(current);
    }

    private static Pattern pattern(String tag) {
        String words = String.join(
                "[\\s_-]+",
                List.of(tag.split("[\\s_-]+")).stream().map(Pattern::quote).toList());
        return Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])(?:[\\p{L}\\p{N}]+-)*" + words
                + "(?:e?s)?(?:-[\\p{L}\\p{N}]+)*(?![\\p{L}\\p{N}])");
    }

    /** A tag without a letter or digit would match everywhere, so it is dropped. */
    private static String tag(@Nullable String text) {
        String tag = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return tag.matches("(?s).*[\\p{L}\\p{N}].*") ? tag : "";
    }

    private static @Nullable Double number(@Nullable Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (value instanceof String s && s.strip().matches("[-+]?[0-9]*\\.?[0-9]+")) {
            return Double.parseDouble(s.strip());
        }
        return null;
    }
}
