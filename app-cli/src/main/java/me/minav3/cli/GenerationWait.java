package me.minav3.cli;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import me.minav3.http.Views;
import me.minav3.bootstrap.CompositionRoot;
import me.minav3.mma.domain.Generation;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.error.ProviderFailure;
import me.minav3.mma.error.StorageFailure;

/**
 * Runs a generation to its end from the command line: on this thread when no other worker holds it, else by
 * watching the database while another process (a running {@code mina serve}) works on it. Either way the
 * userMessages are shown as they are stored.
 */
final class GenerationWait {

    private GenerationWait() {
    }

    static Generation until(CompositionRoot wiring, GenerationId id, Duration timeout, Consumer<String> onLine) {
        var printed = new int[] {0};
        AutoCloseable subscription = wiring.live().subscribe(id, event -> {
            if (event.type() == me.minav3.mma.domain.LiveEvent.Type.MESSAGE) {
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
                wiring.workers().runOwn(id);
                Generation current = wiring.database().ledger().findGeneration(id).orElseThrow();
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
                    throw new ProviderFailure("mma", ProviderFailure.Kind.TIMEOUT, "gave up waiting for " + id.mgId()
                            + " after " + timeout.toSeconds() + " s; it keeps running and can be checked with `mina audit`", null);
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
}
