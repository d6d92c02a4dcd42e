package me.minav3.adapters.providers.local;

import java.time.Duration;
import me.minav3.mma.error.ConfigurationError;
import me.minav3.mma.providers.ImageEditor;
import me.minav3.mma.providers.ImageGenerator;
import me.minav3.mma.providers.VideoGenerator;
import me.minav3.mma.providers.VisionLanguageModel;
import org.jspecify.annotations.Nullable;

/**
 * The offline providers (provider name and step family {@code local}, model {@code local-v1}) that let MINAV3 run
 * with no keys and no network: a rule-based scanner and prompt writer, a still renderer that draws a real PNG and
 * a video maker that encodes a real H.264 MP4. Every output is labelled "MINA · local".
 *
 * <p>{@code latency} is an artificial delay each call waits first (apps read {@code MINA_LOCAL_LATENCY_MS},
 * default 0), so load and chaos runs behave like real providers without keys.
 */
public final class LocalProviders {

    /** The registry and {@code mg_provider} name. */
    public static final String NAME = LocalCall.PROVIDER;
    /** The {@code mg_model} value of every local output. */
    public static final String MODEL = LocalCall.MODEL;

    private LocalProviders() {}

    /** The three local providers with one latency. */
    public record Bundle(VisionLanguageModel vision, ImageGenerator images, VideoGenerator videos) {}

    public static Bundle create(Duration latency) {
        return new Bundle(vision(latency), images(latency), videos(latency));
    }

    public static VisionLanguageModel vision(Duration latency) {
        return new LocalVisionLanguageModel(latency);
    }

    public static ImageGenerator images(Duration latency) {
        return new LocalImageGenerator(latency);
    }

    /** The niche still engine's offline stand-in ({@code local_niche}): the same scene in its own look. */
    public static ImageGenerator nicheImages(Duration latency) {
        return new LocalImageGenerator(latency, true);
    }

    public static VideoGenerator videos(Duration latency) {
        return new LocalVideoGenerator(latency);
    }

    /** The offline editor: every {@link me.minav3.mma.providers.EditTool}, in pure Java. */
    public static ImageEditor editor(Duration latency) {
        return new LocalImageEditor(latency, LocalEditTools.all());
    }

    /**
     * Parses a {@code MINA_LOCAL_LATENCY_MS} value: absent or blank means none; anything but a non-negative whole
     * number of milliseconds is refused with a {@link ConfigurationError} naming the variable.
     */
    public static Duration latencyFromMillis(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return Duration.ZERO;
        }
        try {
            long millis = Long.parseLong(value.strip());
            if (millis < 0) {
                throw new ConfigurationError("MINA_LOCAL_LATENCY_MS must not be negative, was " + value);
            }
            return Duration.ofMillis(millis);
        } catch (NumberFormatException e) {
            throw new ConfigurationError(
                    "MINA_LOCAL_LATENCY_MS must be a whole number of milliseconds, was '" + value + "'", e);
        }
    }
}
