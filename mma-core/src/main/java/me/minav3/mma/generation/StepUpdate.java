package me.minav3.mma.generation;

import java.util.Objects;
import me.minav3.mma.common.MmaStatus;
import org.jspecify.annotations.Nullable;

/**
 * How a generation row changes when a step is recorded: its new status and document, and, when the pipeline
 * finished, the final artifact.
 */
public record StepUpdate(
        MmaStatus status,
        GenerationDocument document,
        @Nullable Completion completion) {

    /** The final artifact of a generation that reached {@code done}. */
    public record Completion(
            String outputUrl,
            @Nullable String outputKey,
            @Nullable String prompt,
            @Nullable String provider,
            @Nullable String model,
            long latencyMs) {
        public Completion {
            Objects.requireNonNull(outputUrl, "output url");
        }
    }

    public StepUpdate {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(document, "document");
        if ((status == MmaStatus.DONE) != (completion != null)) {
            throw new IllegalArgumentException("a completion comes exactly with status done");
        }
        if (status == MmaStatus.ERROR) {
            throw new IllegalArgumentException("errors are recorded with failAndRefund");
        }
    }
}
