package me.minav3.mma.customers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The customer's MMA preference snapshot: tags that must never appear in a prompt, and tag weights that steer
 * it (positive: more of it, negative: less of it).
 */
public record Preferences(List<String> hardBlocks, Map<String, Double> tagWeights) {

    public static final int MAX_TAGS = 200;
    public static final double MAX_WEIGHT = 10.0;
    public static final Preferences NONE = new Preferences(List.of(), Map.of());

    public Preferences {
        Objects.requireNonNull(hardBlocks, "hard_blocks");
        Objects.requireNonNull(tagWeights, "tag_weights");
        if (hardBlocks.size() > MAX_TAGS || tagWeights.size() > MAX_TAGS) {
            throw new IllegalArgumentException("at most " + MAX_TAGS + " hard blocks and " + MAX_TAGS + " tag weights");
        }
        LinkedHashSet<String> blocks = new LinkedHashSet<>();
        for (String block : hardBlocks) {
            blocks.add(normalizeTag(block));
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        tagWeights.forEach((tag, weight) -> {
            if (weight == null || !Double.isFinite(weight) || Math.abs(weight) > MAX_WEIGHT) {
                throw new IllegalArgumentException(
                        "tag weight for '" + tag + "' must be a number between -" + MAX_WEIGHT + " and " + MAX_WEIGHT);
            }
            weights.put(normalizeTag(tag), weight);
        });
        hardBlocks = List.copyOf(new ArrayList<>(blocks));
        tagWeights = java.util.Collections.unmodifiableMap(weights);
    }

    /** Tags are short lower-case phrases: "neon", "harsh light", "people". */
    public static String normalizeTag(String tag) {
        String normalized =
                tag == null ? "" : tag.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (normalized.isEmpty() || normalized.length() > 60 || !normalized.matches("[\\p{L}\\p{N} '&/_-]+")) {
            throw new IllegalArgumentException("a tag is 1-60 letters, digits, spaces or - _ ' & /, was '" + tag + "'");
        }
        return normalized;
    }
}
