package me.minav3.mma.providers;

/** Makes stills (Seedream). Throws {@link me.minav3.mma.error.ProviderFailure} when it cannot. */
public interface ImageGenerator {

    /** The registry name and {@code mg_provider} value, e.g. {@code seedream}, {@code seedream_replicate}, {@code local}. */
    String name();

    /** The step type prefix: {@code seedream} gives the step {@code seedream_generate}. */
    String family();

    GeneratedMedia generate(ImageJob job);
}
