package me.minav3.mma.providers;

/** GPT: scans images and writes prompts. Throws {@link me.minav3.mma.error.ProviderFailure} when it cannot answer. */
public interface VisionLanguageModel {

    /** The provider name stored in payloads: {@code openai}, {@code local}… */
    String name();

    GptReply ask(GptRequest request);
}
