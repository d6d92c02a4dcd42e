package me.minav3.adapters.providers.local;

import java.awt.Color;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** The few things the local providers recognise in free text: the kind of light and the kind of object. */
final class PromptCues {

    private PromptCues() {}

    /**
     * A light the writers can name and the renderer can paint: where it comes from (fractions of the frame) and
     * its tint.
     */
    enum Light {
        NEON(
                "neon glow with magenta and cyan accents",
                "neon|night|nightclub|cyberpunk|club",
                0.5,
                0.15,
                new Color(255, 60, 200)),
        EVENING(
                "warm golden-hour light from a low angle",
                "evening|sunset|golden[ -]hour|dusk|twilight",
                0.9,
                0.55,
                new Color(255, 160, 70)),
        MORNING(
                "soft morning light from the upper left",
                "morning|sunrise|dawn|breakfast",
                0.15,
                0.1,
                new Color(255, 236, 200)),
        MOODY("low-key moody light", "moody|low[ -]key|dramatic|chiaroscuro|noir", 0.2, 0.2, new Color(200, 190, 170)),
        STUDIO(
                "soft even studio light",
                "studio|overcast|diffused|softbox|even light|seamless",
                0.5,
                0.0,
                new Color(255, 255, 255)),
        DAYLIGHT(
                "soft natural daylight",
                "daylight|natural light|window light|sunny|sunlit|bright airy",
                0.3,
                0.05,
                new Color(255, 248, 235));

        /** The light used when the text asks for none. */
        static final Light DEFAULT = DAYLIGHT;

        private final String phrase;
        private final Pattern trigger;
        private final double x;
        private final double y;
        private final Color tint;

        Light(String phrase, String trigger, double x, double y, Color tint) {
            this.phrase = phrase;
            this.trigger = Pattern.compile("(?i)\\b(?:" + trigger + ")\\b");
            this.x = x;
            this.y = y;
            this.tint = tint;
        }

        String phrase() {
            return phrase;
        }

        double x() {
            return x;
        }

        double y() {
            return y;
        }

        Color tint() {
            return tint;
        }

        /** The first light (in declaration order, most specific first) the text asks for. */
        static Optional<Light> in(String text) {
            String subject = text == null ? "" : text;
            return Arrays.stream(values())
                    .filter(l -> l.trigger.matcher(subject).find())
                    .findFirst();
        }
    }

    /** The object forms the renderer can draw, and the word the motion writer uses for them. */
    enum Subject {
        BOTTLE("bottle", "bottles?|perfume|fragrance|serum|wine|flask|oil|spray|shampoo|sauce"),
        CUP("cup", "cups?|mugs?|latte|coffee|espresso|tea|cappuccino|teacup|drink|cocktail"),
        BOX("box", "box(?:es)?|package|packaging|carton|gift|book|phone"),
        JAR("jar", "jars?|cream|candle|pot|balm|tin|honey"),
        SPHERE("object", "");

        private final String noun;
        private final @Nullable Pattern trigger;

        Subject(String noun, String trigger) {
            this.noun = noun;
            this.trigger = trigger.isEmpty() ? null : Pattern.compile("(?i)\\b(?:" + trigger + ")\\b");
        }

        String noun() {
            return noun;
        }

        /** The object whose word comes first in the text; {@link #SPHERE} when none does. */
        static Subject in(String text) {
            // "cream" or "matcha" may name a colour, not an object: colour words never pick the object.
            String subject = ColourNames.withoutColourWords(text);
            Subject first = SPHERE;
            int firstAt = Integer.MAX_VALUE;
            for (Subject candidate : values()) {
                if (candidate.trigger == null) {
                    continue;
                }
                var matcher = candidate.trigger.matcher(subject);
                if (matcher.find() && matcher.start() < firstAt) {
                    first = candidate;
                    firstAt = matcher.start();
                }
            }
            return first;
        }
    }
}
