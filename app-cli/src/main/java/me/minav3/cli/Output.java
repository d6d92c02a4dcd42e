package me.minav3.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where a command writes: results on stdout (one JSON document with {@code --json}, else readable lines), and
 * notes, progress and errors on stderr.
 */
public final class Output {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** How often progress is reported without a terminal (a log or a pipe). */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(5);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean terminal;
    private final Duration progressEvery;

    public Output(PrintWriter out, PrintWriter err, boolean terminal) {
        this(out, err, terminal, PROGRESS_EVERY);
    }

    Output(PrintWriter out, PrintWriter err, boolean terminal, Duration progressEvery) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.progressEvery = progressEvery;
    }

    public Output(PrintWriter out, PrintWriter err) {
        this(out, err, false);
    }

    /** Whether stderr is a person's terminal (progress bars redraw in place) rather than a file or a test. */
    public boolean terminal() {
        return terminal;
    }

    /** How often progress is reported when stderr is not a terminal. */
    Duration progressEvery() {
        return progressEvery;
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

    /**
     * Tells a failure: {@code mina: <message>} on stderr and, for a {@code --json} run, one JSON document
     * {@code {code, exit_code, message}} on stdout, so scripts never parse text. Returns the exit code.
     */
    int failure(int exitCode, @Nullable String message, boolean json) {
        note("mina: " + message);
        if (json) {
            json(failureDocument(exitCode, message));
        }
        return exitCode;
    }

    /** The fields a {@code --json} failure document has. */
    static Map<String, Object> failureDocument(int exitCode, @Nullable String message) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("code", ExitCode.name(exitCode));
        document.put("exit_code", exitCode);
        document.put("message", message);
        return document;
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
