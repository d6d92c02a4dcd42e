package me.minav3.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import me.minav3.http.Views;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.error.MinaException;
import me.minav3.mma.generation.CreateOutcome;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.submit.CreateStill;
import me.minav3.mma.submit.RequestId;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code mina batch}: one still per JSONL line, resumable, never charging a line twice. */
@Command(
        name = "batch",
        mixinStandardHelpOptions = true,
        description = {
            "Make one still per line of a JSONL file, resumable, never charging a line twice.",
            "A line looks like this:",
            "  {\"pass_id\":\"pass:user:demo\",\"brief\":\"matcha latte\",\"aspect_ratio\":\"4:5\"}",
            "Optional fields: style, aspect_ratio, quality, product, logo, inspirations (files or URLs), request_id.",
            "Each line gets a deterministic request id (its request_id, else a hash of the line), so re-running the "
                    + "file skips lines already done and never charges twice. A malformed line is reported and skipped.",
            "Exit code: 5 if a generation failed (refunded), else 3 if matcha ran out, else 6 if a line was "
                    + "malformed, else 0."
        })
final class BatchCommand extends MinaCommand {

    @Parameters(
            index = "0",
            paramLabel = "FILE.jsonl",
            description = "The lines to run, one JSON object each; - reads stdin.")
    @SuppressWarnings("NullAway.Init")
    String file;

    @Option(
            names = "--out",
            paramLabel = "FILE",
            description = "Write the results as JSONL to this file (default, or -: stdout).")
    @Nullable
    Path outFile;

    @Option(
            names = "--concurrency",
            defaultValue = "4",
            paramLabel = "N",
            description = "How many generations run at once, 1 to 256 (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--timeout",
            defaultValue = "900",
            paramLabel = "SECONDS",
            description = "Give up waiting on a line's generation after this many seconds (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    private static final int MAX_ATTEMPTS_PER_LINE = 5;

    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger skipped = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger outOfMatcha = new AtomicInteger();
    private final AtomicInteger malformed = new AtomicInteger();

    private final Supplier<FindGeneration> generations;
    private final Supplier<CreateStill> createStill;
    private final Supplier<IngestMedia> media;
    private final Supplier<GenerationWait> wait;

    BatchCommand(
            Supplier<FindGeneration> generations,
            Supplier<CreateStill> createStill,
            Supplier<IngestMedia> media,
            Supplier<GenerationWait> wait) {
        this.generations = generations;
        this.createStill = createStill;
        this.media = media;
        this.wait = wait;
    }

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || concurrency > 256) {
            throw new InvalidInput("--concurrency must be between 1 and 256");
        }
        List<String> lines = Inputs.text(file, "FILE.jsonl", stdin()).lines().toList();
        Lines use = new Lines(generations.get(), createStill.get(), media.get(), wait.get());
        List<BatchLine> parsed = parse(lines);
        boolean toStdout = outFile == null || "-".equals(outFile.toString());
        try (PrintWriter results =
                        toStdout ? null : new PrintWriter(Files.newBufferedWriter(outFile, StandardCharsets.UTF_8));
                ProgressBar progress = progressBar(parsed.size())) {
            Semaphore slots = new Semaphore(concurrency);
            List<Thread> threads = new ArrayList<>();
            for (BatchLine line : parsed) {
                slots.acquire();
                threads.add(Thread.ofVirtual().start(() -> {
                    try {
                        write(results, run(use, line));
                    } finally {
                        // The counts first, then the step: the line that reaches 100 % shows the final counts.
                        synchronized (progress) {
                            progress.setExtraMessage(
                                    "done " + done.get() + " skipped " + skipped.get() + " failed " + failed.get());
                            progress.step();
                        }
                        slots.release();
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        out().note("batch: %d done, %d skipped (already done), %d failed (refunded), %d out of matcha, %d malformed"
                .formatted(done.get(), skipped.get(), failed.get(), outOfMatcha.get(), malformed.get()));
        if (failed.get() > 0) {
            return ExitCode.GENERATION_FAILED;
        }
        if (outOfMatcha.get() > 0) {
            return ExitCode.NOT_ENOUGH_MATCHA;
        }
        return malformed.get() > 0 ? ExitCode.INVALID_INPUT : ExitCode.OK;
    }

    private List<BatchLine> parse(List<String> lines) {
        List<BatchLine> parsed = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            try {
                JsonNode node = Output.mapper().readTree(text);
                String canonical =
                        Output.mapper().writeValueAsString(Output.mapper().treeToValue(node, java.util.TreeMap.class));
                int occurrence = seen.merge(canonical, 1, Integer::sum);
                parsed.add(BatchLine.from(i + 1, node, canonical, occurrence));
            } catch (IOException | MinaException | IllegalArgumentException e) {
                malformed.incrementAndGet();
                String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException json
                        ? json.getOriginalMessage()
                        : e.getMessage();
                out().note("line " + (i + 1) + ": skipped, " + reason);
            }
        }
        return parsed;
    }

    /**
     * Runs a line unless it is done already. A line whose generation failed (and was refunded) is tried again
     * under {@code <request id>:2}, {@code :3}… so a re-run retries failures but never repeats a success. (The
     * separator is one a request id may hold: with {@code ~} every retry was refused as invalid input.)
     */
    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    private Map<String, Object> run(Lines use, BatchLine line) {
        var result = Json.obj("line", line.number(), "request_id", line.requestId());
        try {
            Generation finished = null;
            for (int attempt = 1; attempt <= MAX_ATTEMPTS_PER_LINE && finished == null; attempt++) {
                RequestId requestId =
                        RequestId.ofNullable(attempt == 1 ? line.requestId() : line.requestId() + ":" + attempt);
                var earlier = use.generations().find(use.createStill().idFor(line.passId(), requestId));
                if (earlier.isPresent() && earlier.get().status() == MmaStatus.DONE) {
                    finished = earlier.get();
                    skipped.incrementAndGet();
                    result.put("skipped", true);
                } else if (earlier.isEmpty()
                        || !earlier.get().status().isTerminal()
                        || attempt == MAX_ATTEMPTS_PER_LINE) {
                    Generation queued = earlier.isPresent()
                            ? earlier.get()
                            : switch (use.createStill()
                                    .submit(line.request(use.media(), stdin()).withRequestId(requestId))) {
                                case CreateOutcome.Created created -> created.generation();
                                case CreateOutcome.AlreadyExists existing -> existing.generation();
                                case CreateOutcome.Refused refused -> {
                                    outOfMatcha.incrementAndGet();
                                    result.putAll(Json.obj(
                                            "status",
                                            "not_enough_matcha",
                                            "error",
                                            ExitCode.of(refused).message()));
                                    yield null;
                                }
                            };
                    if (queued == null) {
                        return result;
                    }
                    finished = use.waiting().until(queued.id(), Duration.ofSeconds(timeoutSeconds), msg -> {});
                    (finished.status() == MmaStatus.DONE ? done : failed).incrementAndGet();
                }
            }
            // the last attempt always ends with a generation or returns above
            Generation last = Objects.requireNonNull(finished, "finished");
            result.putAll(Json.obj(
                    "generation_id",
                    last.id().mgId(),
                    "status",
                    last.status().wire(),
                    "output_url",
                    last.outputUrl(),
                    "prompt",
                    last.prompt(),
                    "error",
                    last.error(),
                    "user_messages",
                    Views.userMessages(last)));
        } catch (MinaException e) {
            failed.incrementAndGet();
            result.putAll(Json.obj("status", "refused", "error", e.getMessage()));
        }
        return result;
    }

    /** What running a line uses (the product is started once, before the first line). */
    private record Lines(
            FindGeneration generations, CreateStill createStill, IngestMedia media, GenerationWait waiting) {}

    private synchronized void write(PrintWriter results, Map<String, Object> result) {
        try {
            String json = Output.mapper()
                    .writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(result);
            if (results != null) {
                results.println(json);
                results.flush();
            } else {
                out().line(json);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the result of line " + result.get("line"), e);
        }
    }

    /**
     * The progress display: redrawn in place on a terminal, else a plain line every few seconds. Either way its clock
     * runs from the start (continuous updates: without them nothing is drawn until the first line finishes).
     */
    private ProgressBar progressBar(int total) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName("batch")
                .setInitialMax(total)
                .hideEta()
                .continuousUpdate();
        if (out().terminal()) {
            builder.setConsumer(new ConsoleProgressBarConsumer(System.err));
        } else {
            // A log or a pipe: no colour codes, and the complete line once (closing the bar draws it again).
            AtomicInteger completeLines = new AtomicInteger();
            builder.setConsumer(new DelegatingProgressBarConsumer(
                            line -> {
                                if (!line.contains(" " + total + "/" + total + " ")
                                        || completeLines.getAndIncrement() == 0) {
                                    out().note(line.strip());
                                }
                            },
                            100))
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis((int) out().progressEvery().toMillis());
        }
        return builder.build();
    }
}
