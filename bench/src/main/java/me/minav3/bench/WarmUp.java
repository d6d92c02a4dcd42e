package me.minav3.bench;

import java.util.Locale;
import java.util.Set;

/**
 * Uncounted batches until a server's JIT has settled (decision 054): a fresh JVM spends its first minutes compiling,
 * and on two busy cores C2 was still using a fifth of the server's CPU after 6,000 stills (session 36), where a server
 * that has run for a while finished that long ago. Prints each batch's share, so a run says how warm its server was.
 */
final class WarmUp {

    /** One uncounted batch, run to its end. */
    @FunctionalInterface
    interface Batch {
        void run(int number) throws Exception;
    }

    /** More lines about a warm-up batch, from the CPU it used (and whatever the caller measured beside it). */
    @FunctionalInterface
    interface Report {
        String describe(CpuTimes cpu) throws Exception;
    }

    private WarmUp() {}

    /**
     * Runs {@code batch} until the server's JIT compiler threads used less than {@code settled} of its CPU in one, at
     * most {@code maxBatches} times; after each, prints the JIT's share and {@code report}'s lines.
     */
    static void untilTheJitSettles(ServerProcess server, int maxBatches, double settled, Batch batch, Report report)
            throws Exception {
        for (int number = 1; number <= maxBatches; number++) {
            CpuTimes cpu = CpuTimes.start();
            batch.run(number);
            CpuTimes.ServerShare used = cpu.servers(Set.of(server.pid()));
            System.out.printf(
                    Locale.ROOT,
                    "warm-up batch %d: server CPU %.1f s, of which the JIT compiling %.1f s (%.0f %%)%n",
                    number,
                    used.seconds(),
                    used.jitSeconds(),
                    100 * used.jitShare());
            String more = report.describe(cpu);
            if (!more.isEmpty()) {
                System.out.println(more);
            }
            if (used.jitShare() < settled) {
                return;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "warm-up: the JIT had not settled below %.0f %% after %d batches; counting anyway%n",
                100 * settled,
                maxBatches);
    }
}
