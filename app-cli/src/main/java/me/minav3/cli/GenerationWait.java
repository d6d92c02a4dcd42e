package me.minav3.cli;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import me.minav3.http.LiveLines;
import me.minav3.http.Views;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.credits.CreditsLeft;
import me.minav3.mma.engine.MmaWorkers;
import me.minav3.mma.error.GenerationFailed;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.StorageFailure;
import me.minav3.mma.generation.FindGeneration;
import me.minav3.mma.generation.Generation;

/**
 * Runs a generation to its end from the command line: on this thread when no other worker holds it, else by
 * watching the database while another process (a running {@code mina serve}) works on it. Either way the
 * userMessages are shown as they are stored. Then reports it.
 */
final class GenerationWait {

    private final LiveLines live;
    private final MmaWorkers workers;
    private final FindGeneration generations;
    private final CreditsLeft creditsLeft;

    GenerationWait(LiveLines live, MmaWorkers workers, FindGeneration generations, CreditsLeft creditsLeft) {
        this.live = live;
        this.workers = workers;
        this.generations = generations;
        this.creditsLeft = creditsLeft;
    }

    /**
     * Says the generation is queued ({@code generation <id> queued<how>}), runs it to its end with its lines on
     * stderr, and reports it: the exit code.
     */
    int follow(Generation queued, String how, RunOptions run, Output out) {
        out.note("generation " + queued.id().mgId() + " queued" + how);
        Generation finished = until(queued.id(), run.timeout(), line -> out.note("  " + line));
        return report(finished, run.json, out);
    }

    @SuppressWarnings("NullAway") // nulls the called code does not yet declare @Nullable: listed in the issue 25 report
    Generation until(GenerationId id, Duration timeout, Consumer<String> onLine) {
        var printed = new int[] {0};
        AutoCloseable subscription = live.subscribe(id, event -> {
            if (event.type() == me.minav3.mma.engine.LiveEvent.Type.MESSAGE) {
                synchronized (printed) {
                    if (event.seq() > printed[0]) {
                        onLine.accept(event.text());
                        printed[0] = (int) event.seq();
                    }
                }
            }
        });
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                workers.runOwn(id);
                Generation current = generations.find(id).orElseThrow();
                List<String> lines = Views.userMessages(current);
                synchronized (printed) {
                    for (int i = printed[0]; i < lines.size(); i++) {
                        onLine.accept(lines.get(i));
                    }
                    printed[0] = Math.max(printed[0], lines.size());
                }
                if (current.status().isTerminal()) {
                    return current;
                }
                if (System.nanoTime() > deadline) {
                    throw new ProviderFailure(
                            "mma",
                            ProviderFailure.Kind.TIMEOUT,
                            "gave up waiting for " + id.mgId() + " after " + timeout.toSeconds()
                                    + " s; it keeps running and can be checked with `mina audit`",
                            null);
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageFailure("interrupted while waiting for " + id.mgId(), e);
        } finally {
            try {
                subscription.close();
            } catch (Exception ignored) {
                // closing a subscription does not fail
            }
        }
    }

    /**
     * Prints the result (JSON or a summary) and returns the exit code. A failed generation with {@code --json} is
     * still one document: the generation, with the failure's {@code code}, {@code exit_code} and {@code message}.
     */
    int report(Generation finished, boolean json, Output out) {
        long credits = creditsLeft.of(finished.passId());
        boolean failed = finished.status() == MmaStatus.ERROR;
        String failure = finished.id().mgId() + " failed: " + finished.error();
        if (json) {
            var document = Views.generation(finished);
            document.put("credits_left", credits);
            if (failed) {
                document.putAll(Output.failureDocument(ExitCode.GENERATION_FAILED, failure));
            }
            out.json(document);
            if (failed) {
                out.note("mina: " + failure);
                return ExitCode.GENERATION_FAILED;
            }
        } else if (!failed) {
            out.line(finished.id().mgId() + " done: " + finished.outputUrl());
            if (finished.prompt() != null) { // an edit tool run has none
                out.line("prompt: " + finished.prompt());
            }
            out.line("provider: " + finished.provider() + " (" + finished.model() + "), " + credits + " matcha left");
        }
        if (failed) {
            throw new GenerationFailed(finished.id().mgId(), failure);
        }
        return ExitCode.OK;
    }
}
