package me.minav3.mma.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A word diff of two prompts: the words both share, those only the original had and those only the replay has, in
 * reading order (longest common subsequence of whitespace-separated words).
 */
public record PromptDiff(List<Part> parts) {

    /** What happened to a run of words. */
    public enum Op {
        SAME,
        REMOVED,
        ADDED;

        public String wire() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A run of words with one fate. */
    public record Part(Op op, String text) {
        public Part {
            Objects.requireNonNull(op, "op");
            Objects.requireNonNull(text, "text");
        }
    }

    public PromptDiff {
        parts = List.copyOf(parts);
    }

    /** The diff from {@code original} to {@code replayed}. */
    public static PromptDiff of(String original, String replayed) {
        String[] a = words(original);
        String[] b = words(replayed);
        int[][] common = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                common[i][j] =
                        a[i].equals(b[j]) ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
            }
        }
        List<Part> parts = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                add(parts, Op.SAME, a[i++]);
                j++;
            } else if (i < a.length && (j == b.length || common[i + 1][j] >= common[i][j + 1])) {
                // On a tie the original's words go first, so a replaced run reads [-old-] {+new+}.
                add(parts, Op.REMOVED, a[i++]);
            } else {
                add(parts, Op.ADDED, b[j++]);
            }
        }
        return new PromptDiff(parts);
    }

    /** Whether the two texts have the same words. */
    public boolean unchanged() {
        return parts.stream().allMatch(p -> p.op() == Op.SAME);
    }

    /** One line in the style of {@code git diff --word-diff}: {@code [-removed-]{+added+}}. */
    public String text() {
        StringBuilder line = new StringBuilder();
        for (Part part : parts) {
            if (!line.isEmpty()) {
                line.append(' ');
            }
            line.append(
                    switch (part.op()) {
                        case SAME -> part.text();
                        case REMOVED -> "[-" + part.text() + "-]";
                        case ADDED -> "{+" + part.text() + "+}";
                    });
        }
        return line.toString();
    }

    private static String[] words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }

    private static void add(List<Part> parts, Op op, String word) {
        int last = parts.size() - 1;
        if (last >= 0 && parts.get(last).op() == op) {
            parts.set(last, new Part(op, parts.get(last).text() + " " + word));
        } else {
            parts.add(new Part(op, word));
        }
    }

    @Override
    public String toString() {
        return text();
    }
}
