package me.minav3.mma.credits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import me.minav3.mma.testing.MutableClock;
import org.junit.jupiter.api.Test;

class ExpiryJobTest {

    private final MutableClock clock = new MutableClock();
    private final AtomicInteger sweeps = new AtomicInteger();
    private final AtomicReference<Duration> interval = new AtomicReference<>(Duration.ofMinutes(15));
    private final ExpiryJob job = new ExpiryJob(sweeps::incrementAndGet, interval::get, clock);

    @Test
    void sweepsAtOnceThenOnlyWhenTheIntervalHasPassed() {
        assertThat(job.tick()).hasValue(1);
        assertThat(job.tick()).isEmpty();

        clock.advance(Duration.ofMinutes(15).minusNanos(1000));
        assertThat(job.tick()).isEmpty();
        clock.advance(Duration.ofNanos(1000));
        assertThat(job.tick()).hasValue(2);
        assertThat(sweeps).hasValue(2);
    }

    @Test
    void aNewIntervalTakesEffectAfterTheNextSweep() {
        job.tick();
        interval.set(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(15));
        job.tick();

        clock.advance(Duration.ofMinutes(1));
        assertThat(job.tick()).isPresent();
    }

    @Test
    void theBackgroundThreadSweepsKeepsGoingAfterAFailureAndStopsOnClose() throws Exception {
        CountDownLatch secondSweep = new CountDownLatch(2);
        AtomicInteger calls = new AtomicInteger();
        AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);
        ExpiryJob running = new ExpiryJob(
                () -> {
                    secondSweep.countDown();
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("database restarting");
                    }
                    return 0;
                },
                () -> Duration.ofMillis(1),
                () -> Instant.now().plus(ahead.get()));

        running.start();
        assertThat(secondSweep.await(30, TimeUnit.SECONDS)).isTrue();
        running.close();
        int after = calls.get();

        assertThat(after).isGreaterThanOrEqualTo(2);
        ahead.set(Duration.ofHours(1));
        running.tick();
        assertThat(calls.get()).as("only the explicit tick ran after close").isEqualTo(after + 1);
    }

    @Test
    void closeWaitsForASweepUnderWay() throws Exception {
        CountDownLatch sweeping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExpiryJob running = new ExpiryJob(
                () -> {
                    sweeping.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 0;
                },
                () -> Duration.ofMinutes(15),
                clock);
        running.start();
        assertThat(sweeping.await(30, TimeUnit.SECONDS)).isTrue();

        Thread closing = Thread.ofVirtual().start(running::close);
        closing.join(Duration.ofMillis(300));
        assertThat(closing.isAlive()).as("close is still waiting for the sweep").isTrue();

        release.countDown();
        // join's answer, not isAlive(): a thread may be TERMINATED a moment before isAlive() turns false (JDK 25)
        assertThat(closing.join(Duration.ofSeconds(30))).as("close ended").isTrue();
    }

    @Test
    void closeWakesAnIdleThreadInsteadOfWaitingForItsNextLook() throws Exception {
        CountDownLatch swept = new CountDownLatch(1);
        ExpiryJob running = new ExpiryJob(
                () -> {
                    swept.countDown();
                    return 0;
                },
                () -> Duration.ofMinutes(15),
                clock,
                Duration.ofHours(1));
        running.start();
        assertThat(swept.await(30, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        running.close();

        // The thread would next look in an hour; unwoken, close gives up joining it after 30 s.
        assertThat(Duration.ofNanos(System.nanoTime() - started))
                .as("close wakes the idle thread")
                .isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void aCloseInterruptedWhileWaitingReturnsAndKeepsTheInterrupt() throws Exception {
        CountDownLatch sweeping = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExpiryJob running = new ExpiryJob(
                () -> {
                    sweeping.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return 0;
                },
                () -> Duration.ofMinutes(15),
                clock);
        running.start();
        assertThat(sweeping.await(30, TimeUnit.SECONDS)).isTrue();
        AtomicReference<Boolean> interruptedAfterClose = new AtomicReference<>();

        Thread closing = Thread.ofVirtual().start(() -> {
            running.close();
            interruptedAfterClose.set(Thread.currentThread().isInterrupted());
        });
        closing.join(Duration.ofMillis(300));
        closing.interrupt();

        assertThat(closing.join(Duration.ofSeconds(30))).as("close ended").isTrue();
        assertThat(interruptedAfterClose.get()).isTrue();
        release.countDown();
    }

    @Test
    void closingAJobThatNeverStartedDoesNothing() {
        job.close();
        job.start();

        assertThat(sweeps).as("a closed job does not start").hasValue(0);
    }
}
