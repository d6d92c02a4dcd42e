package me.minav3.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;

/**
 * Where a command writes: results on stdout (one JSON document with {@code --json}, else readable lines), and
 * notes, progress and errors on stderr.
 */
public final class Output {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;

    public Output(PrintWriter out, PrintWriter err, boolean terminal) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public Output(PrintWriter out, PrintWriter err) {
        this(out, err, false);
    }

    /** Whether stderr is a person's terminal (progress bars redraw in place) rather than a file or a test. */
    public boolean terminal() {
        return terminal;
    }

    /** One result line for people. */
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** The one JSON document of a {@code --json} run. */
    public void json(Object document) {
        try {
            out.println(JSON.writeValueAsString(document));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("result cannot be written as JSON", e);
        }
    }

    /** A note, progress line or error for people, never mixed into results. */
    public void note(String text) {
        err.println(text);
        err.flush();
    }

    public PrintWriter err() {
        return err;
    }

    PrintWriter out() {
        return out;
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
