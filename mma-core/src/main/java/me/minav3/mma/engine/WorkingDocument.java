package me.minav3.mma.engine;

import java.util.function.UnaryOperator;
import me.minav3.mma.generation.GenerationDocument;

/** The document of a running generation: its stages and its live lines update it, each write stores it. */
final class WorkingDocument {

    private GenerationDocument current;

    WorkingDocument(GenerationDocument start) {
        this.current = start;
    }

    GenerationDocument get() {
        return current;
    }

    void update(UnaryOperator<GenerationDocument> change) {
        current = change.apply(current);
    }
}
