package me.minav3.adapters.providers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Prompt text as the local writers handle it: comma-separated phrases ending in a full stop. Removing words from
 * such text leaves stray commas and connectors behind; {@link #tidy} cleans them up.
 */
final class Phrases {

    private static final Pattern SPACE_BEFORE_PUNCT = Pattern.compile("\\s+([,.;:!?])");
    private static final Pattern REPEATED_PUNCT = Pattern.compile("([,;:])\\s*([,.;:!?])");
    private static final Pattern EMPTY_BRACKETS = Pattern.compile("\\(\\s*\\)");
    /** A connector left before punctuation; not the end of a hyphenated word ("push-in", "built-in"). */
    private static final Pattern DANGLING_WORD = Pattern.compile(
            "(?i)(?<![\\w-])(?:with|and|or|of|in|on|under|a|an|the|into|from|by|at|to)\\s*(?=[,.;:!?]|$)");

    private static final Pattern LEADING_PUNCT = Pattern.compile("^[\\s,.;:!?]+");
    private static final Pattern SPACES = Pattern.compile("\\s{2,}");

    private Phrases() {}

    /** Collapses whitespace, stray punctuation and connectors left dangling before punctuation. */
    static String tidy(String text) {
        String current = Objects.requireNonNullElse(text, "");
        String previous;
        do {
            previous = current;
            current = SPACES.matcher(current).replaceAll(" ");
            current = EMPTY_BRACKETS.matcher(current).replaceAll("");
            current = SPACE_BEFORE_PUNCT.matcher(current).replaceAll("$1");
            current = REPEATED_PUNCT.matcher(current).replaceAll("$2");
            current = DANGLING_WORD.matcher(current).replaceAll("");
            current = LEADING_PUNCT.matcher(current).replaceAll("");
            current = current.strip();
        } while (!current.equals(previous));
        return current;
    }

    /** The phrases of a prompt, split at commas and sentence ends, each trimmed and non-empty. */
    static List<String> split(String prompt) {
        List<String> phrases = new ArrayList<>();
        for (String part : Objects.requireNonNullElse(prompt, "").split("[,;]|\\.(?=\\s|$)")) {
            String phrase = part.strip();
            if (!phrase.isEmpty()) {
                phrases.add(phrase);
            }
        }
        return phrases;
    }

    /** Joins phrases with commas into one sentence-cased prompt ending in a full stop. */
    static String join(List<String> phrases) {
        List<String> kept =
                phrases.stream().map(Phrases::tidy).filter(p -> !p.isEmpty()).toList();
        return kept.isEmpty() ? "" : sentence(String.join(", ", kept));
    }

    /** Capitalised, tidied and ending in a full stop. */
    static String sentence(String text) {
        String tidy = tidy(text);
        if (tidy.isEmpty()) {
            return tidy;
        }
        String ended = tidy.matches("(?s).*[.!?…]$") ? tidy : tidy + ".";
        return Character.toUpperCase(ended.charAt(0)) + ended.substring(1);
    }

    /** Lower case with single spaces, for matching. */
    static String normal(String text) {
        return SPACES.matcher(Objects.requireNonNullElse(text, "")
                        .toLowerCase(Locale.ROOT)
                        .replaceAll("\\s", " "))
                .replaceAll(" ")
                .strip();
    }

    /** At most {@code max} words of a text, for echoing user text back in a short line. */
    static String words(String text, int max) {
        String[] words = tidy(text).split("\\s+");
        if (words.length <= max) {
            return tidy(text);
        }
        return String.join(" ", List.of(words).subList(0, max)) + "…";
    }
}
