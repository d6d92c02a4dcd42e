package me.minav3.mma.taste;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import me.minav3.mma.customers.Preferences;
import me.minav3.mma.studio.TasteSignal;

/**
 * What MMA learned about a user's taste: tag weights from recent likes (+1), downloads (+1) and dislikes (−1)
 * within the window, plus the explicit preference weights (counted twice, they were asked for), minus the hard
 * blocks. {@code styleHistoryCsv} is the summary the prompt writer reads: {@code tag:weight,…} strongest first.
 */
public record TasteProfile(
        String styleHistoryCsv, Map<String, Double> weights, List<String> hardBlocks, int window, int signalsUsed) {

    private static final int MAX_TAGS = 12;
    private static final double EXPLICIT_FACTOR = 2.0;

    public static TasteProfile build(List<TasteSignal> recent, Preferences preferences, int window) {
        Map<String, Double> weights = new LinkedHashMap<>();
        List<TasteSignal> used = recent.stream().limit(window).toList();
        for (TasteSignal signal : used) {
            double delta = switch (signal.type()) {
                case LIKE, DOWNLOAD -> 1.0;
                case DISLIKE -> -1.0;
                default -> 0.0;
            };
            var tags = StyleVocabulary.tagsIn(String.join(" ", nonNull(signal.prompt()), nonNull(signal.caption())));
            if (signal.style() != null
                    && !signal.style().isBlank()
                    && !signal.style().equalsIgnoreCase("none")) {
                tags.add(signal.style().strip().toLowerCase(Locale.ROOT));
            }
            tags.forEach(tag -> weights.merge(tag, delta, Double::sum));
        }
        preferences.tagWeights().forEach((tag, weight) -> weights.merge(tag, weight * EXPLICIT_FACTOR, Double::sum));
        preferences
                .hardBlocks()
                .forEach(block -> weights.keySet().removeIf(tag -> HardBlocks.mentions(tag, List.of(block))));
        weights.values().removeIf(w -> Math.abs(w) < 1e-9);

        List<Map.Entry<String, Double>> strongest = new ArrayList<>(weights.entrySet());
        strongest.sort(Comparator.comparingDouble((Map.Entry<String, Double> e) -> -Math.abs(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        Map<String, Double> top = new LinkedHashMap<>();
        strongest.stream().limit(MAX_TAGS).forEach(e -> top.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
        String csv = String.join(
                ",",
                top.entrySet().stream()
                        .map(e -> e.getKey() + ":" + (e.getValue() > 0 ? "+" : "") + e.getValue())
                        .toList());
        return new TasteProfile(csv, top, preferences.hardBlocks(), window, used.size());
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
