package me.minav3.mma.engine;

import java.util.Map;
import java.util.function.UnaryOperator;
import me.minav3.mma.common.Json;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationDocument;

/** What a running stage sees and fills: the generation, its working document, and its step's input and output. */
final class StageContext {

    private final Generation generation;
    private final WorkingDocument document;
    private final PipelineServices services;
    private Map<String, Object> input = Json.obj();
    private Map<String, Object> output = Json.obj();
    private String userLine;

    StageContext(Generation generation, WorkingDocument document, PipelineServices services) {
        this.generation = generation;
        this.document = document;
        this.services = services;
    }

    Generation generation() {
        return generation;
    }

    /** The document as the stages before this one (and this one so far) left it. */
    GenerationDocument document() {
        return document.get();
    }

    void update(UnaryOperator<GenerationDocument> change) {
        document.update(change);
    }

    PipelineServices services() {
        return services;
    }

    void input(Map<String, Object> input) {
        this.input = input;
    }

    Map<String, Object> input() {
        return input;
    }

    void output(Map<String, Object> output) {
        this.output = output;
    }

    Map<String, Object> output() {
        return output;
    }

    /** The friendly line this stage wants to show when it ends. */
    void userLine(String line) {
        this.userLine = line;
    }

    String userLine() {
        return userLine;
    }
}
