package me.minav3.mma.error;

/** A generation ended in error; its charge was refunded. */
public final class GenerationFailed extends MinaException {

    private final String generationId;

    public GenerationFailed(String generationId, String message) {
        super(message);
        this.generationId = generationId;
    }

    public String generationId() {
        return generationId;
    }
}
