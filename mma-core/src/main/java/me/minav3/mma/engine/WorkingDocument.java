package me.minav3.mma.engine;

import java.util.function.UnaryOperator;
import me.minav3.mma.generation.GenerationDocument;
import org.jspecify.annotations.Nullable;

/**
 * The document of a running generation: its stages and its live lines update it, each write stores it. It also
 * remembers the document this run's last successful write stored, so a step write can send only what changed.
 */
final class WorkingDocument {

    private GenerationDocument current;
    private @Nullable GenerationDocument stored;

    WorkingDocument(GenerationDocument start) {
        this.current = start;
    }

    GenerationDocument get() {
        return current;
    }

    void update(UnaryOperator<GenerationDocument> change) {
        current = change.apply(current);
    }

    /** What this run's last successful write stored (null before its first). */
    @Nullable
    GenerationDocument stored() {
        return stored;
    }

    /** A write of {@code document} succeeded (under this run's lease). */
    void stored(GenerationDocument document) {
        stored = document;
    }
}
