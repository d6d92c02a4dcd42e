package me.minav3.mma.pipeline;

import java.util.List;
import java.util.Map;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.Json;

/** What a running stage sees and fills: the generation, its working vars, and its step's input and output. */
final class StageContext {

    private final Generation generation;
    private final Map<String, Object> vars;
    private final PipelineServices services;
    private Map<String, Object> input = Json.obj();
    private Map<String, Object> output = Json.obj();
    private String userLine;

    StageContext(Generation generation, Map<String, Object> vars, PipelineServices services) {
        this.generation = generation;
        this.vars = vars;
        this.services = services;
    }

    Generation generation() {
        return generation;
    }

    Map<String, Object> vars() {
        return vars;
    }

    PipelineServices services() {
        return services;
    }

    /** A section of vars to write into (created when missing). */
    @SuppressWarnings("unchecked")
    Map<String, Object> section(String name) {
        Object existing = vars.get(name);
        if (existing instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        Map<String, Object> created = Json.obj();
        vars.put(name, created);
        return created;
    }

    @SuppressWarnings("unchecked")
    List<Object> list(String section, String key) {
        Object existing = section(section).get(key);
        if (existing instanceof List<?> list) {
            List<Object> mutable = new java.util.ArrayList<>((List<Object>) list);
            section(section).put(key, mutable);
            return mutable;
        }
        List<Object> created = new java.util.ArrayList<>();
        section(section).put(key, created);
        return created;
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
