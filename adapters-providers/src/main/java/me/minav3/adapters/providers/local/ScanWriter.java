package me.minav3.adapters.providers.local;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.minav3.mma.common.AspectRatio;

/** Turns an {@link ImageScan} into the scanner's caption ({@code crt}) and its short friendly line. */
final class ScanWriter {

    private static final Map<String, String> ROLE_TITLES = Map.of(
            "product", "Product image",
            "logo", "Logo",
            "inspiration", "Inspiration image",
            "output_still", "Generated still",
            "input_still", "Start image for the animation");
    private static final Map<String, String> ROLE_NOUNS = Map.of(
            "product", "product",
            "logo", "logo",
            "inspiration", "inspiration",
            "output_still", "new still",
            "input_still", "start image");

    private ScanWriter() {}

    static String caption(ImageScan scan, String role) {
        DecodedImage image = scan.image();
        StringBuilder text = new StringBuilder()
                .append(ROLE_TITLES.getOrDefault(role, "Image"))
                .append(": ")
                .append(image.width())
                .append('x')
                .append(image.height())
                .append(" px, ")
                .append(image.orientation())
                .append(" (about ")
                .append(AspectRatio.closestTo(image.width(), image.height()).wire())
                .append("), ")
                .append(image.format().toUpperCase(Locale.ROOT))
                .append(". ");
        scan.pixels()
                .ifPresentOrElse(
                        measures -> text.append(describe(measures)),
                        () -> text.append("Colours and light unknown: offline, only the header of a ")
                                .append(image.format().toUpperCase(Locale.ROOT))
                                .append(" image can be read. "));
        return text.append("Local pixel scan; objects and text are not recognised.")
                .toString();
    }

    static String userMessage(ImageScan scan, String role) {
        String noun = ROLE_NOUNS.getOrDefault(role, "image");
        String orientation = scan.image().orientation();
        return scan.pixels()
                .filter(m -> !m.colours().isEmpty())
                .map(m -> "Got your " + noun + ": mostly " + m.colours().get(0).name() + ", "
                        + brightnessWord(m.brightness()) + ", " + orientation + ".")
                .orElse("Got your " + noun + ": " + orientation + "; colours not readable offline.");
    }

    private static String describe(ImageScan.Measures m) {
        StringBuilder text = new StringBuilder();
        if (m.colours().isEmpty()) {
            text.append(m.transparency() > 0.99 ? "Fully transparent. " : "Colours are very mixed. ");
        } else {
            text.append("Dominant colours: ")
                    .append(m.colours().stream()
                            .map(c -> c.name() + " (" + Math.round(c.share() * 100) + "%)")
                            .collect(Collectors.joining(", ")))
                    .append(". ");
        }
        if (m.transparency() > 0.99) {
            return text.toString();
        }
        text.append(capitalise(brightnessWord(m.brightness())))
                .append(" and ")
                .append(contrastWord(m.contrast()))
                .append("; ")
                .append(saturationWord(m.saturation()))
                .append(", ")
                .append(warmthWord(m.warmth()))
                .append(" colour. ");
        if (m.contrast() >= 0.08) {
            text.append("The brightest area sits ")
                    .append(position(m.brightX(), m.brightY()))
                    .append(". ");
        }
        if (m.transparency() > 0.2) {
            text.append("Transparent background (")
                    .append(Math.round(m.transparency() * 100))
                    .append("% of the frame). ");
        }
        return text.toString();
    }

    static String brightnessWord(double lightness) {
        if (lightness < 0.2) {
            return "very dark";
        }
        if (lightness < 0.4) {
            return "dark";
        }
        if (lightness < 0.62) {
            return "mid-toned";
        }
        return lightness < 0.82 ? "bright" : "very bright";
    }

    private static String contrastWord(double contrast) {
        if (contrast < 0.08) {
            return "low contrast";
        }
        return contrast < 0.2 ? "moderate contrast" : "high contrast";
    }

    private static String saturationWord(double saturation) {
        if (saturation < 0.12) {
            return "near-neutral";
        }
        return saturation < 0.4 ? "muted" : "vivid";
    }

    private static String warmthWord(double warmth) {
        if (warmth > 0.08) {
            return "warm";
        }
        return warmth < -0.08 ? "cool" : "balanced";
    }

    /** A thirds-grid position: "in the upper left", "in the centre", "at the bottom"… */
    static String position(double x, double y) {
        String[][] grid = {
            {"in the upper left", "at the top", "in the upper right"},
            {"on the left", "in the centre", "on the right"},
            {"in the lower left", "at the bottom", "in the lower right"}
        };
        return grid[third(y)][third(x)];
    }

    private static int third(double fraction) {
        return fraction < 1 / 3.0 ? 0 : fraction < 2 / 3.0 ? 1 : 2;
    }

    private static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
