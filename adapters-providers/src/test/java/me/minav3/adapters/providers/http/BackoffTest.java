package me.minav3.adapters.providers.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), new SplittableRandom(1));

    @Test
    void fullJitterStaysUnderTheDoublingCeilingAndTheCap() {
        for (int attempt = 1; attempt <= 6; attempt++) {
            long ceiling = Math.min(4_000, 500L << (attempt - 1));
            int n = attempt;
            long max = IntStream.range(0, 500)
                    .mapToLong(i -> backoff.delay(n).toMillis())
                    .max()
                    .orElseThrow();
            long min = IntStream.range(0, 500)
                    .mapToLong(i -> backoff.delay(n).toMillis())
                    .min()
                    .orElseThrow();
            assertThat(max).isLessThanOrEqualTo(ceiling).isGreaterThan(ceiling * 9 / 10);
            assertThat(min).isGreaterThanOrEqualTo(0).isLessThan(ceiling / 10 + 1);
        }
    }

    @Test
    void aPerThreadGeneratorGivesDelaysInTheSameBounds() {
        Backoff shared = new Backoff(
                Duration.ofMillis(500),
                Duration.ofSeconds(4),
                () -> java.util.concurrent.ThreadLocalRandom.current().nextLong());

        assertThat(IntStream.range(0, 200).mapToObj(i -> shared.delay(3)))
                .allSatisfy(wait -> assertThat(wait).isBetween(Duration.ZERO, Duration.ofSeconds(2)));
    }

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-03-01T10:00:00Z");

        assertThat(Backoff.retryAfter("12", now)).contains(Duration.ofSeconds(12));
        assertThat(Backoff.retryAfter("Sun, 01 Mar 2026 10:01:30 GMT", now)).contains(Duration.ofSeconds(90));
        assertThat(Backoff.retryAfter("Sun, 01 Mar 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(Backoff.retryAfter("soon", now)).isEmpty();
        assertThat(Backoff.retryAfter(null, now)).isEmpty();
    }
}
