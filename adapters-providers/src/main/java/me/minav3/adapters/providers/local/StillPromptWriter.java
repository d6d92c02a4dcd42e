package me.minav3.adapters.providers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;
import org.jspecify.annotations.Nullable;

/**
 * READ_STILL by template: the brief first, then the chosen style, what the captions say about the product, logo
 * and inspiration, the favoured tags (strongest first), light and craft. Hard-blocked tags are removed from the
 * finished text, so they never appear, not even negated; disliked tags (negative weight) are removed from
 * everything the writer adds, while the brief and the chosen style are the user's explicit request and keep them.
 */
final class StillPromptWriter {

    static final int FAVOURED_TAGS = 5;
    private static final Pattern LIGHT_WORD =
            Pattern.compile("(?i)\\b(?:light|lighting|lit|glow|sunlight|daylight)\\b");

    private StillPromptWriter() {}

    /** {@code clean_prompt} and {@code userMessage} from the step input. */
    static Map<String, String> write(Map<String, Object> input) {
        Taste taste = Taste.from(input);
        String brief = taste.withoutBlocks(Phrases.tidy(Json.string(input, "brief", "")));
        Map<String, Object> captions = Json.object(input, "captions");
        String product = captionText(captions.get("product"));
        String logo = captionText(captions.get("logo"));
        String inspiration = captionText(captions.get("inspiration"));
        List<String> favoured = taste.favoured(FAVOURED_TAGS);
        Optional<String> style = style(input);

        String subject = brief.isEmpty() ? fallbackSubject(product, logo, inspiration) : brief;
        List<String> added = new ArrayList<>();
        if (!product.isEmpty()) {
            added.add("the product exactly as in its reference" + colourNote(product, taste));
        }
        if (!logo.isEmpty()) {
            added.add("the logo small and legible in a corner");
        }
        if (!inspiration.isEmpty()) {
            added.add(inspirationNote(inspiration, taste));
        }
        if (!favoured.isEmpty()) {
            added.add("leaning into " + and(favoured));
        }
        if (!LIGHT_WORD.matcher(brief).find()) {
            String steering = String.join(" ", brief, String.join(" ", favoured), style.orElse(""));
            added.add(PromptCues.Light.in(steering)
                    .filter(light -> !taste.touches(light.phrase()))
                    .orElse(PromptCues.Light.DEFAULT)
                    .phrase());
        }
        added.add(product.isEmpty() ? "editorial photography" : "editorial product photography");
        added.add("clean composition with the subject as the hero");
        added.add("85mm lens, shallow depth of field");

        List<String> phrases = new ArrayList<>();
        phrases.add(subject);
        style.ifPresent(chosen -> phrases.add(taste.withoutBlocks(chosen + " style")));
        // The chosen styles' prompt cues (issue 24.3), as the reader's context asks the model to follow them.
        Json.list(input, "style_cues").stream()
                .map(cue -> Phrases.tidy(String.valueOf(cue)))
                .filter(cue -> !cue.isEmpty())
                .map(taste::withoutBlocks)
                .forEach(phrases::add);
        // What the writer adds is optional: a phrase still touching a blocked or disliked tag is left out whole.
        added.stream()
                .map(taste::withoutBlocksOrDislikes)
                .filter(phrase -> !taste.touches(phrase))
                .forEach(phrases::add);
        String prompt = taste.withoutBlocks(Phrases.join(phrases));
        String message = "Composing: " + Phrases.words(subject, 8)
                + (favoured.isEmpty() ? "" : ", leaning into " + favoured.get(0));
        return Map.of("clean_prompt", prompt, "userMessage", Phrases.sentence(taste.withoutBlocks(message)));
    }

    /**
     * READ_STILL_NICHE (issue 22): the same choices as {@link #write}, as one sentence, the way the niche engine's
     * context asks for prose rather than a list of tags.
     */
    static Map<String, String> writeProse(Map<String, Object> input) {
        Map<String, String> tags = write(input);
        String prompt = Objects.requireNonNullElse(tags.get("clean_prompt"), "");
        String prose = prompt.isEmpty() ? "" : "A photograph of " + prompt + ".";
        return Map.of("clean_prompt", prose, "userMessage", Objects.requireNonNullElse(tags.get("userMessage"), ""));
    }

    /** A caption is a string, or a list of strings for several images of one role. */
    static String captionText(@Nullable Object caption) {
        if (caption instanceof List<?> list) {
            return String.join(
                            " ",
                            list.stream()
                                    .filter(Objects::nonNull)
                                    .map(String::valueOf)
                                    .toList())
                    .strip();
        }
        return caption == null ? "" : String.valueOf(caption).strip();
    }

    private static Optional<String> style(Map<String, Object> input) {
        String style = Phrases.tidy(Json.string(input, "style", ""));
        return style.isEmpty() || style.equalsIgnoreCase("none") ? Optional.empty() : Optional.of(style);
    }

    private static String fallbackSubject(String product, String logo, String inspiration) {
        if (!product.isEmpty()) {
            PromptCues.Subject subject = PromptCues.Subject.in(product);
            String noun = subject == PromptCues.Subject.SPHERE ? "product" : subject.noun();
            return "a hero still of the " + noun + " from the product reference";
        }
        if (!inspiration.isEmpty()) {
            return "an editorial still life in the spirit of the inspiration images";
        }
        return logo.isEmpty() ? "an editorial still life" : "an editorial brand still built around the logo";
    }

    private static String colourNote(String caption, Taste taste) {
        List<String> colours = colours(caption, taste);
        return colours.isEmpty() ? "" : " in " + and(colours.subList(0, Math.min(2, colours.size())));
    }

    private static String inspirationNote(String caption, Taste taste) {
        List<String> colours = colours(caption, taste);
        String mood = caption.matches("(?is).*\\b(?:very dark|dark)\\b.*")
                ? "a dark, moody feel"
                : caption.matches("(?is).*\\bbright\\b.*") ? "a bright, airy feel" : "";
        if (colours.isEmpty()) {
            return "borrowing the inspiration's " + (mood.isEmpty() ? "mood" : mood);
        }
        return "borrowing the inspiration's palette of " + and(colours.subList(0, Math.min(3, colours.size())))
                + (mood.isEmpty() ? "" : " with " + mood);
    }

    /** The colours a caption names, minus blocked or disliked ones (so no dangling "in and white" is left). */
    private static List<String> colours(String caption, Taste taste) {
        return ColourNames.mentionedIn(caption).stream()
                .filter(colour -> !taste.isAvoided(colour))
                .toList();
    }

    static String and(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
