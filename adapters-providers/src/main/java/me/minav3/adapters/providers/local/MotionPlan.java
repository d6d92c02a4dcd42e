package me.minav3.adapters.providers.local;

import java.awt.geom.AffineTransform;
import java.util.regex.Pattern;

/**
 * The camera move a motion prompt asks for, as the renderer plays it: a Ken Burns zoom or pan over the still.
 * Reads the same plain words {@link MotionWriter} writes, and a user's own words for the common moves.
 */
record MotionPlan(Move move, double amount) {

    enum Move {
        STILL,
        ZOOM_OUT,
        ZOOM_IN,
        PAN_LEFT,
        PAN_RIGHT,
        TILT_UP
    }

    private static final Pattern STILL = Pattern.compile(
            "(?i)locked off|static camera|still camera|steady camera|camera (?:stays|is|remains) (?:still|steady|static)");
    private static final Pattern ZOOM_OUT =
            Pattern.compile("(?i)zoom(?:s|ing)? out|pull(?:s|ing)? back|reveal|shows a little more|dolly out");
    private static final Pattern ZOOM_IN =
            Pattern.compile("(?i)push(?:es|ing)?[ -]in|zoom(?:s|ing)? in|dolly in|move closer");
    private static final Pattern PAN_LEFT = Pattern.compile("(?i)pan(?:s|ning)? (?:to the )?left|right to left");
    private static final Pattern PAN_RIGHT = Pattern.compile("(?i)\\bpan(?:s|ning)?\\b|left to right");
    private static final Pattern TILT_UP = Pattern.compile("(?i)tilt(?:s|ing)? up|crane up|rises|rising");
    private static final Pattern VERY_SLOW = Pattern.compile("(?i)very slow|very slowly|calm|barely");
    private static final Pattern LIVELY =
            Pattern.compile("(?i)lively|livelier|fast|quick|dynamic|energetic|clearly visible");
    private static final Pattern SLOW = Pattern.compile("(?i)slow|gentle|gently|subtle|soft");

    static MotionPlan of(String prompt) {
        String text = prompt == null ? "" : prompt;
        Move move = STILL.matcher(text).find()
                ? Move.STILL
                : ZOOM_OUT.matcher(text).find()
                        ? Move.ZOOM_OUT
                        : ZOOM_IN.matcher(text).find()
                                ? Move.ZOOM_IN
                                : PAN_LEFT.matcher(text).find()
                                        ? Move.PAN_LEFT
                                        : PAN_RIGHT.matcher(text).find()
                                                ? Move.PAN_RIGHT
                                                : TILT_UP.matcher(text).find() ? Move.TILT_UP : Move.ZOOM_IN;
        double amount = VERY_SLOW.matcher(text).find()
                ? 0.06
                : LIVELY.matcher(text).find() ? 0.25 : SLOW.matcher(text).find() ? 0.12 : 0.15;
        return new MotionPlan(move, move == Move.STILL ? amount * 0.3 : amount);
    }

    /**
     * Where an image of {@code imageWidth} x {@code imageHeight} sits in a {@code frameWidth} x
     * {@code frameHeight} frame at time {@code t} (0 to 1): it always covers the whole frame.
     */
    AffineTransform transform(double t, int imageWidth, int imageHeight, int frameWidth, int frameHeight) {
        double eased = t * t * (3 - 2 * t);
        double zoom = switch (move) {
            case ZOOM_IN, STILL -> 1 + amount * eased;
            case ZOOM_OUT -> 1 + amount * (1 - eased);
            case PAN_LEFT, PAN_RIGHT, TILT_UP -> 1 + amount;
        };
        double scale = Math.max(frameWidth / (double) imageWidth, frameHeight / (double) imageHeight) * zoom;
        double slackX = (imageWidth * scale - frameWidth) / 2;
        double slackY = (imageHeight * scale - frameHeight) / 2;
        double dx = switch (move) {
            case PAN_RIGHT -> slackX * (1 - 2 * eased);
            case PAN_LEFT -> -slackX * (1 - 2 * eased);
            default -> 0;
        };
        double dy = move == Move.TILT_UP ? -slackY * (1 - 2 * eased) : 0;
        AffineTransform transform = new AffineTransform();
        transform.translate(frameWidth / 2.0 + dx, frameHeight / 2.0 + dy);
        transform.scale(scale, scale);
        transform.translate(-imageWidth / 2.0, -imageHeight / 2.0);
        return transform;
    }
}
