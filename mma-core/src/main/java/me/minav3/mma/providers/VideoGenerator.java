package me.minav3.mma.providers;

/** Makes videos from stills (Kling). Throws {@link me.minav3.mma.error.ProviderFailure} when it cannot. */
public interface VideoGenerator {

    /** The registry name and {@code mg_provider} value, e.g. {@code kling}, {@code kling_replicate}, {@code local}. */
    String name();

    /** The step type prefix: {@code kling} gives the step {@code kling_generate}. */
    String family();

    GeneratedMedia generate(VideoJob job);
}
