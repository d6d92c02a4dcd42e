package me.minav3.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Samples (milliseconds) and their percentiles, safe to add to from many threads. */
final class Stats {

    private final List<Double> samples = Collections.synchronizedList(new ArrayList<>());
    private long failures;

    void add(double millis) {
        samples.add(millis);
    }

    synchronized void failed() {
        failures++;
    }

    synchronized long failures() {
        return failures;
    }

    int count() {
        return samples.size();
    }

    double percentile(double p) {
        List<Double> sorted;
        synchronized (samples) {
            sorted = new ArrayList<>(samples);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    String describe() {
        return String.format(
                Locale.ROOT,
                "n=%d failed=%d p50=%.0f ms p95=%.0f ms p99=%.0f ms max=%.0f ms",
                count(),
                failures(),
                percentile(50),
                percentile(95),
                percentile(99),
                percentile(100));
    }

    /** Adds another run's samples and failures to these. */
    void merge(Stats other) {
        synchronized (other.samples) {
            samples.addAll(other.samples);
        }
        long failed = other.failures();
        synchronized (this) {
            failures += failed;
        }
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
