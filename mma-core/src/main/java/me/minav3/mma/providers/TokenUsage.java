package me.minav3.mma.providers;

/** The tokens a language model counted for one call, as its reply reported them ({@code usage}). */
public record TokenUsage(long inputTokens, long outputTokens) {

    public TokenUsage {
        if (inputTokens < 0 || outputTokens < 0) {
            throw new IllegalArgumentException("token counts are never negative");
        }
    }
}
