package me.minav3.adapters.providers.local;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * What the local scanner measured in an image's real pixels. {@code pixels} is empty when only the header could
 * be read (WebP): then nothing about colour or light is claimed.
 */
record ImageScan(DecodedImage image, Optional<Measures> pixels) {

    /** A named colour and the share of visible pixels nearest to it. */
    record Share(String name, double share) {}

    /**
     * @param brightness   mean perceived lightness (CIE L*), 0 (black) to 1 (white)
     * @param contrast     standard deviation of that lightness
     * @param saturation   mean chroma, 0 (grey) to 1
     * @param warmth       mean red minus blue, -1 (cool) to 1 (warm)
     * @param brightX      where the bright mass sits horizontally, 0 (left) to 1 (right)
     * @param brightY      where the bright mass sits vertically, 0 (top) to 1 (bottom)
     * @param transparency share of (nearly) transparent pixels
     */
    record Measures(
            List<Share> colours,
            double brightness,
            double contrast,
            double saturation,
            double warmth,
            double brightX,
            double brightY,
            double transparency) {}

    private static final int BINS = 16;
    private static final double[] LINEAR = new double[256];

    static {
        for (int i = 0; i < 256; i++) {
            double c = i / 255.0;
            LINEAR[i] = c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }
    }

    static ImageScan of(DecodedImage image) {
        return new ImageScan(image, image.pixels().map(ImageScan::measure));
    }

    private static Measures measure(BufferedImage img) {
        int width = img.getWidth();
        int height = img.getHeight();
        int[] argb = img.getRGB(0, 0, width, height, null, 0, width);
        long[] histogram = new long[BINS * BINS * BINS];
        double lightSum = 0;
        double lightSquares = 0;
        double chromaSum = 0;
        double warmthSum = 0;
        long visible = 0;
        for (int pixel : argb) {
            if ((pixel >>> 24) < 16) {
                continue;
            }
            int r = pixel >> 16 & 0xff;
            int g = pixel >> 8 & 0xff;
            int b = pixel & 0xff;
            histogram[(r * BINS / 256) * BINS * BINS + (g * BINS / 256) * BINS + b * BINS / 256]++;
            double light = lightness(pixel);
            lightSum += light;
            lightSquares += light * light;
            chromaSum += (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b))) / 255.0;
            warmthSum += (r - b) / 255.0;
            visible++;
        }
        double transparency = 1 - visible / (double) argb.length;
        if (visible == 0) {
            return new Measures(List.of(), 0, 0, 0, 0, 0.5, 0.5, transparency);
        }
        double brightness = lightSum / visible;
        double contrast = Math.sqrt(Math.max(0, lightSquares / visible - brightness * brightness));
        double[] centre = brightMass(argb, width, height, brightness);
        return new Measures(
                colours(histogram, visible),
                brightness,
                contrast,
                chromaSum / visible,
                warmthSum / visible,
                centre[0],
                centre[1],
                transparency);
    }

    /** Histogram buckets (16 per channel) named by their centre colour, merged per name, largest first. */
    private static List<Share> colours(long[] histogram, long visible) {
        List<String> names = ColourNames.names();
        long[] perName = new long[names.size()];
        int step = 256 / BINS;
        for (int bin = 0; bin < histogram.length; bin++) {
            if (histogram[bin] == 0) {
                continue;
            }
            int r = (bin / (BINS * BINS)) * step + step / 2;
            int g = (bin / BINS % BINS) * step + step / 2;
            int b = (bin % BINS) * step + step / 2;
            perName[ColourNames.nearest(r << 16 | g << 8 | b)] += histogram[bin];
        }
        List<Share> shares = new ArrayList<>();
        for (int i = 0; i < perName.length; i++) {
            double share = perName[i] / (double) visible;
            if (share >= 0.05) {
                shares.add(new Share(names.get(i), share));
            }
        }
        shares.sort(Comparator.comparingDouble(Share::share).reversed());
        return List.copyOf(shares.subList(0, Math.min(3, shares.size())));
    }

    /** The centroid of the pixels brighter than the mean, as fractions of the frame. */
    private static double[] brightMass(int[] argb, int width, int height, double meanLight) {
        double sumX = 0;
        double sumY = 0;
        double weight = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int pixel = argb[y * width + x];
                if ((pixel >>> 24) < 16) {
                    continue;
                }
                double excess = lightness(pixel) - meanLight;
                if (excess > 0) {
                    sumX += excess * (x + 0.5);
                    sumY += excess * (y + 0.5);
                    weight += excess;
                }
            }
        }
        return weight == 0 ? new double[] {0.5, 0.5} : new double[] {sumX / weight / width, sumY / weight / height};
    }

    /** CIE L* of an sRGB pixel, 0 to 1: perceived lightness (pure red is mid-toned, not dark as luma says). */
    static double lightness(int pixel) {
        double y = 0.2126 * LINEAR[pixel >> 16 & 0xff]
                + 0.7152 * LINEAR[pixel >> 8 & 0xff]
                + 0.0722 * LINEAR[pixel & 0xff];
        double f = y > 216.0 / 24389 ? Math.cbrt(y) : (24389.0 / 27 * y + 16) / 116;
        return (116 * f - 16) / 100;
    }
}
