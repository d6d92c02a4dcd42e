package me.minav3.adapters.providers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;

/**
 * FEEDBACK_STILL by rules: recognises notes about light, background, colours, framing, things to remove and
 * things to add, and edits only those phrases of the previous prompt. Feedback it does not recognise still
 * changes the prompt, with a corrective clause. Hard blocks (if given) are removed from the result.
 */
final class StillFeedbackWriter {

    private static final String LIGHT_ADJECTIVES = "soft|hard|harsh|warm|cool|cold|natural|morning|evening|golden"
            + "|golden-hour|blue-hour|studio|diffused|overcast|dramatic|low-key|high-key|neon|window|side|back|rim"
            + "|bright|airy|dim|moody|even|sunset|sunrise|candle|ambient|directional|gentle|strong|crisp";
    static final Pattern LIGHT_PHRASE = Pattern.compile(
            "(?i)(?:\\b(?:in|with|under|bathed in)\\s+)?"
                    + "(?:\\b(?:" + LIGHT_ADJECTIVES
                    + ")\\b[\\s,]*){0,4}\\b(?:light|lighting|sunlight|daylight|glow)\\b"
                    + "(?:\\s+(?:from|with)\\s+[\\p{L} -]{0,40}?\\b(?:left|right|top|side|back|front|above|below|angle|accents)\\b)?");
    private static final Pattern ABOUT_LIGHT = Pattern.compile(
            "(?i)\\b(?:light|lighting|lit|shadows?|glow|exposure|darker|brighter|lighter|moodier|harsh|warmer|cooler|colder)\\b");
    private static final Pattern WANTS_BRIGHTER =
            Pattern.compile("(?i)too dark|not enough light|brighter|lighter|more light|underexposed");
    private static final Pattern WANTS_DARKER =
            Pattern.compile("(?i)too bright|darker|moodier|less light|overexposed|too much light");
    private static final Pattern ABOUT_BACKGROUND = Pattern.compile("(?i)\\b(?:background|backdrop|setting)\\b");
    private static final Pattern ABOUT_COLOUR = Pattern.compile("(?i)\\b(?:colou?rs?|palette|tones?)\\b");
    private static final Pattern CLOSER = Pattern.compile("(?i)closer|zoom in|tighter|bigger|crop in");
    private static final Pattern WIDER =
            Pattern.compile("(?i)wider|zoom out|further away|more space|smaller|pull back");
    private static final String TARGET = "(?:the |any |that |those |this |these )?([\\p{L} -]{2,40}?)"
            + "(?=\\s+(?:and|but|please|you|it|in|on|from|so)\\b|[.,!?]|$)";
    private static final Pattern REMOVE = Pattern.compile(
            "(?i)\\b(?:remove|without|get rid of|drop|lose|no more|don'?t want|do not want|hate|no)\\s+" + TARGET);
    private static final Pattern ADD = Pattern.compile("(?i)(?<!no )\\b(?:add some|add|more|include)\\s+" + TARGET);
    private static final Pattern HANDLED_ELSEWHERE = Pattern.compile(
            "(?i).*\\b(?:light|lighting|background|backdrop|colou?rs?|palette|tones?|it|this|that)\\b.*");
    private static final List<String> CALM_PALETTE = List.of("cream", "sage", "navy blue", "gold", "lavender", "tan");

    private StillFeedbackWriter() {}

    static Map<String, String> write(Map<String, Object> input) {
        String previous = Phrases.tidy(Json.string(input, "previous_prompt", ""));
        String feedback = Phrases.tidy(Json.string(input, "feedback", ""));
        String caption = Json.string(input, "output_caption", "");
        List<String> phrases = new ArrayList<>(Phrases.split(previous));
        if (ABOUT_LIGHT.matcher(feedback).find()
                || WANTS_BRIGHTER.matcher(feedback).find()
                || WANTS_DARKER.matcher(feedback).find()) {
            relight(phrases, feedback, previous);
        }
        if (ABOUT_BACKGROUND.matcher(feedback).find()) {
            replaceWhere(phrases, ABOUT_BACKGROUND, backdrop(feedback, previous));
        }
        if (ABOUT_COLOUR.matcher(feedback).find()
                || !ColourNames.mentionedIn(feedback).isEmpty()) {
            recolour(phrases, feedback, caption);
        }
        reframe(phrases, feedback);
        removeAndAdd(phrases, feedback);
        String prompt = Phrases.join(phrases);
        if (Phrases.normal(prompt).equals(Phrases.normal(Phrases.sentence(previous)))) {
            phrases.add("reworked to address the note \"" + Phrases.words(feedback, 20) + "\"");
            prompt = Phrases.join(phrases);
        }
        return Map.of("clean_prompt", Taste.from(input).withoutBlocks(prompt));
    }

    private static void relight(List<String> phrases, String feedback, String previous) {
        phrases.replaceAll(phrase -> Phrases.tidy(LIGHT_PHRASE.matcher(phrase).replaceAll(" ")));
        phrases.removeIf(String::isEmpty);
        String light;
        if (WANTS_BRIGHTER.matcher(feedback).find()) {
            light = "bright, airy daylight";
        } else if (WANTS_DARKER.matcher(feedback).find()) {
            light = PromptCues.Light.MOODY.phrase();
        } else if (feedback.matches("(?is).*\\bwarm(?:er)?\\b.*")) {
            light = PromptCues.Light.EVENING.phrase();
        } else if (feedback.matches("(?is).*\\b(?:cool(?:er)?|cold(?:er)?)\\b.*")) {
            light = "cool blue-hour light";
        } else {
            PromptCues.Light current = PromptCues.Light.in(previous).orElse(PromptCues.Light.DEFAULT);
            light = List.of(PromptCues.Light.STUDIO, PromptCues.Light.DAYLIGHT, PromptCues.Light.MOODY).stream()
                    .filter(candidate -> candidate != current)
                    .findFirst()
                    .orElseThrow()
                    .phrase();
        }
        phrases.add(Math.min(1, phrases.size()), light);
    }

    private static String backdrop(String feedback, String previous) {
        List<String> colours = ColourNames.mentionedIn(feedback);
        if (!colours.isEmpty()) {
            return "a " + colours.get(0) + " seamless backdrop";
        }
        return previous.toLowerCase(java.util.Locale.ROOT).contains("seamless backdrop")
                ? "a softly textured stone backdrop"
                : "a clean seamless backdrop";
    }

    private static void recolour(List<String> phrases, String feedback, String outputCaption) {
        List<String> wanted = new ArrayList<>();
        Matcher avoid = Pattern.compile("(?i)\\b(?:too|less|no|not|without|hate)\\s+(?:the\\s+)?([\\p{L} ]{2,20})")
                .matcher(feedback);
        List<String> unwanted = new ArrayList<>();
        while (avoid.find()) {
            unwanted.addAll(ColourNames.mentionedIn(avoid.group(1)));
        }
        ColourNames.mentionedIn(feedback).stream()
                .filter(c -> !unwanted.contains(c))
                .forEach(wanted::add);
        if (wanted.isEmpty()) {
            List<String> seen = ColourNames.mentionedIn(outputCaption + " " + String.join(" ", phrases));
            CALM_PALETTE.stream()
                    .filter(c -> !seen.contains(c) && !unwanted.contains(c))
                    .limit(2)
                    .forEach(wanted::add);
        }
        phrases.replaceAll(phrase -> Taste.without(phrase, unwanted));
        phrases.removeIf(String::isEmpty);
        replaceWhere(phrases, Pattern.compile("(?i)\\bpalette\\b"), "palette of " + StillPromptWriter.and(wanted));
    }

    private static void reframe(List<String> phrases, String feedback) {
        Pattern framing = Pattern.compile("(?i)\\b(?:close-up|framing|wide shot|zoomed)\\b");
        if (CLOSER.matcher(feedback).find()) {
            replaceWhere(phrases, framing, "tight close-up framing");
        } else if (WIDER.matcher(feedback).find()) {
            replaceWhere(phrases, framing, "wider framing with more space around the subject");
        }
    }

    private static void removeAndAdd(List<String> phrases, String feedback) {
        Matcher remove = REMOVE.matcher(feedback);
        while (remove.find()) {
            String target = remove.group(1).strip();
            if (!HANDLED_ELSEWHERE.matcher(target).matches()) {
                phrases.replaceAll(phrase -> Taste.without(phrase, List.of(target, singular(target))));
                phrases.removeIf(String::isEmpty);
            }
        }
        Matcher add = ADD.matcher(feedback);
        while (add.find()) {
            String target = add.group(1).strip();
            if (!HANDLED_ELSEWHERE.matcher(target).matches()
                    && !WANTS_BRIGHTER.matcher(target).find()) {
                phrases.add("more " + target);
            }
        }
    }

    /** Drops the phrases matching {@code about} and puts {@code replacement} where the first one was. */
    private static void replaceWhere(List<String> phrases, Pattern about, String replacement) {
        int at = -1;
        for (int i = phrases.size() - 1; i >= 0; i--) {
            if (about.matcher(phrases.get(i)).find()) {
                phrases.remove(i);
                at = i;
            }
        }
        phrases.add(at < 0 ? phrases.size() : Math.max(at, Math.min(1, phrases.size())), replacement);
    }

    private static String singular(String word) {
        return word.endsWith("s") && word.length() > 3 ? word.substring(0, word.length() - 1) : word;
    }
}
