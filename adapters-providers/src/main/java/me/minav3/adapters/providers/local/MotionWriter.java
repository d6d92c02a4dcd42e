package me.minav3.adapters.providers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import me.minav3.mma.common.Json;

/**
 * The three motion tasks by template, in simple, easy English. The camera move follows the image's shape
 * (portrait: slow push-in, landscape: gentle pan, square: slow zoom out) and the ambient motion its light. The
 * video renderer reads the same words back ({@link MotionPlan}), so what the prompt says is what the clip does.
 */
final class MotionWriter {

    /** What the writer knows about the image: from a pixel scan, or else from a caption's words. */
    record Cues(String orientation, String noun, String brightness) {

        static Cues from(Optional<ImageScan> scan, String caption) {
            PromptCues.Subject subject = PromptCues.Subject.in(caption);
            String noun = subject == PromptCues.Subject.SPHERE ? "subject" : subject.noun();
            if (scan.isPresent()) {
                String brightness = scan.get()
                        .pixels()
                        .map(m -> ScanWriter.brightnessWord(m.brightness()))
                        .orElse("");
                return new Cues(scan.get().image().orientation(), noun, brightness);
            }
            String lower = caption.toLowerCase(java.util.Locale.ROOT);
            String orientation =
                    lower.contains("portrait") ? "portrait" : lower.contains("landscape") ? "landscape" : "square";
            String brightness = lower.matches("(?s).*\\b(?:very dark|dark)\\b.*")
                    ? "dark"
                    : lower.matches("(?s).*\\bbright\\b.*") ? "bright" : "";
            return new Cues(orientation, noun, brightness);
        }
    }

    private static final Pattern CAMERA_WORDS = Pattern.compile(
            "(?i)\\b(?:camera|pan|pans|panning|zoom|zooms|push-in|push in|pull back|orbit|tilt|dolly|track|tracking|static)\\b");
    private static final Pattern PACE_WORDS =
            Pattern.compile("(?i)\\b(?:slow|slowly|gentle|gently|fast|quick|quickly|smooth)\\b");
    private static final Pattern SPEED_WORDS =
            Pattern.compile("(?i)\\b(?:very slow|very slowly|slow|slowly|gentle|gently|quick|quickly|fast)\\b\\s*");
    private static final Pattern TOO_FAST =
            Pattern.compile("(?i)too fast|slower|calmer|too much (?:movement|motion)|too quick|less movement");
    private static final Pattern TOO_SLOW = Pattern.compile(
            "(?i)too slow|faster|more (?:movement|motion|dynamic|action)|boring|nothing happens|livelier|barely moves");
    private static final Pattern NO_ZOOM =
            Pattern.compile("(?i)(?:no|hate|don'?t|without|stop|not)\\b.{0,20}\\b(?:zoom|push)");
    private static final Pattern NO_PAN = Pattern.compile("(?i)(?:no|hate|don'?t|without|stop|not)\\b.{0,20}\\bpan");
    private static final Pattern STEADY = Pattern.compile("(?i)shaky|steady|stable|static|still camera|locked");

    private MotionWriter() {}

    static String camera(Cues cues) {
        return switch (cues.orientation()) {
            case "portrait" -> "Slow push-in towards the " + cues.noun() + ".";
            case "landscape" -> "Gentle pan from left to right across the scene.";
            default -> "Slow zoom out that shows a little more of the scene.";
        };
    }

    private static String ambient(Cues cues) {
        return switch (cues.brightness()) {
            case "very dark", "dark" -> "A soft glow pulses slowly behind the " + cues.noun() + ".";
            case "bright", "very bright" -> "Soft light shimmers gently over the " + cues.noun() + ".";
            default -> "Tiny specks of dust float slowly through the light.";
        };
    }

    private static String keep(Cues cues) {
        return "The " + cues.noun() + " stays still, sharp and unchanged.";
    }

    /** MOTION_SUGGESTION: {@code sugg_prompt} and {@code userMessage}. */
    static Map<String, String> suggest(Cues cues) {
        String prompt = String.join(" ", camera(cues), ambient(cues), keep(cues));
        return Map.of(
                "sugg_prompt", prompt, "userMessage", "How about a " + shortMove(cues) + "? Edit it as you like.");
    }

    /** READ_MOTION: the user's text made clear (camera, pace, product kept), or a suggestion when it is empty. */
    static Map<String, String> read(Cues cues, String userText) {
        String text = Phrases.tidy(userText);
        if (text.isEmpty()) {
            return Map.of(
                    "motion_prompt",
                    suggest(cues).get("sugg_prompt"),
                    "userMessage",
                    "No motion text, so I picked a " + shortMove(cues) + ".");
        }
        List<String> sentences = new ArrayList<>();
        sentences.add(Phrases.sentence(text));
        if (!CAMERA_WORDS.matcher(text).find()) {
            sentences.add(camera(cues));
        }
        if (!PACE_WORDS.matcher(text).find()) {
            sentences.add("Smooth, slow pace.");
        }
        sentences.add("Keep the " + cues.noun() + " unchanged and legible.");
        return Map.of(
                "motion_prompt", String.join(" ", sentences), "userMessage", "Animating: " + Phrases.words(text, 8));
    }

    /** FEEDBACK_MOTION: edits the camera move or the pace the feedback is about; otherwise adds a clause. */
    static Map<String, String> feedback(Cues cues, String previousPrompt, String feedbackText) {
        String feedback = Phrases.tidy(feedbackText);
        List<String> sentences =
                new ArrayList<>(List.of(Phrases.tidy(previousPrompt).split("(?<=[.!?])\\s+")));
        sentences.removeIf(String::isBlank);
        boolean changed = false;
        if (STEADY.matcher(feedback).find()) {
            replaceCamera(sentences, "The camera stays locked off and steady.");
            changed = true;
        } else if (NO_ZOOM.matcher(feedback).find()) {
            replaceCamera(sentences, "Gentle pan from left to right across the scene.");
            changed = true;
        } else if (NO_PAN.matcher(feedback).find()) {
            replaceCamera(sentences, "Slow push-in towards the " + cues.noun() + ".");
            changed = true;
        }
        if (TOO_FAST.matcher(feedback).find()) {
            sentences.replaceAll(s -> Phrases.sentence(SPEED_WORDS.matcher(s).replaceAll("")));
            sentences.add("Everything moves very slowly and calmly.");
            changed = true;
        } else if (TOO_SLOW.matcher(feedback).find()) {
            sentences.replaceAll(s -> Phrases.sentence(SPEED_WORDS.matcher(s).replaceAll("")));
            sentences.add("The movement is livelier and clearly visible.");
            changed = true;
        }
        if (!changed) {
            sentences.add("Adjusted for the note \"" + Phrases.words(feedback, 16) + "\".");
        }
        return Map.of("motion_prompt", String.join(" ", sentences));
    }

    private static void replaceCamera(List<String> sentences, String camera) {
        int at = -1;
        for (int i = sentences.size() - 1; i >= 0; i--) {
            if (CAMERA_WORDS.matcher(sentences.get(i)).find()) {
                sentences.remove(i);
                at = i;
            }
        }
        sentences.add(at < 0 ? 0 : at, camera);
    }

    private static String shortMove(Cues cues) {
        return switch (cues.orientation()) {
            case "portrait" -> "slow push-in";
            case "landscape" -> "gentle pan";
            default -> "slow zoom out";
        };
    }

    static Cues cues(Optional<ImageScan> scan, Map<String, Object> input) {
        return Cues.from(scan, Json.string(input, "caption", ""));
    }
}
