package me.minav3.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Reads of one key asked for at the same time are made once (decision 047: a thousand streams of ten generations
 * re-read ten generations), and nobody is answered by a read that started before they asked.
 */
class SharedReadsTest {

    @Test
    void whoAsksWhileAReadRunsSharesTheNextReadNotTheRunningOne() throws Exception {
        CountDownLatch firstReadMayEnd = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        SharedReads<String, String> shared = new SharedReads<>(key -> {
            int n = reads.incrementAndGet();
            if (n == 1) {
                awaitQuietly(firstReadMayEnd);
            }
            return key + "@read" + n;
        });
        ConcurrentHashMap<String, String> answers = new ConcurrentHashMap<>();

        Thread first = asker(shared, "g1", "first", answers);
        await(() -> reads.get() == 1);
        List<Thread> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(asker(shared, "g1", "later" + i, answers));
        }
        await(() -> shared.someoneWaitsFor("g1") && later.stream().allMatch(SharedReadsTest::parked));
        assertThat(reads).as("nobody else read while the first read ran").hasValue(1);

        firstReadMayEnd.countDown();
        first.join();
        for (Thread t : later) {
            t.join();
        }

        assertThat(reads)
                .as("five callers, one read after the one they found running")
                .hasValue(2);
        assertThat(answers.get("first")).isEqualTo("g1@read1");
        for (int i = 0; i < 5; i++) {
            assertThat(answers.get("later" + i))
                    .as("the read that began before they asked would be stale for them")
                    .isEqualTo("g1@read2");
        }
        assertThat(shared.pendingKeys()).isZero();
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        CountDownLatch g1MayEnd = new CountDownLatch(1);
        SharedReads<String, String> shared = new SharedReads<>(key -> {
            if (key.equals("g1")) {
                awaitQuietly(g1MayEnd);
            }
            return key;
        });
        ConcurrentHashMap<String, String> answers = new ConcurrentHashMap<>();
        Thread slow = asker(shared, "g1", "slow", answers);
        await(() -> shared.pendingKeys() == 1);

        assertThat(shared.get("g2")).isEqualTo("g2");

        g1MayEnd.countDown();
        slow.join();
        assertThat(answers).containsEntry("slow", "g1");
    }

    @Test
    void aFailedReadFailsForEveryoneWhoSharedItAndTheNextAskReadsAgain() throws Exception {
        CountDownLatch firstReadMayEnd = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        SharedReads<String, String> shared = new SharedReads<>(key -> {
            int n = reads.incrementAndGet();
            if (n == 1) {
                awaitQuietly(firstReadMayEnd);
                return "fine";
            }
            if (n == 2) {
                throw new IllegalStateException("database down");
            }
            return "back";
        });
        ConcurrentHashMap<String, String> answers = new ConcurrentHashMap<>();
        Thread first = asker(shared, "g1", "first", answers);
        await(() -> reads.get() == 1);
        List<Thread> later = List.of(asker(shared, "g1", "a", answers), asker(shared, "g1", "b", answers));
        await(() -> shared.someoneWaitsFor("g1") && later.stream().allMatch(SharedReadsTest::parked));

        firstReadMayEnd.countDown();
        first.join();
        for (Thread t : later) {
            t.join();
        }

        assertThat(answers).containsEntry("first", "fine");
        assertThat(answers).containsEntry("a", "failed: database down").containsEntry("b", "failed: database down");
        assertThat(reads).hasValue(2);
        assertThat(shared.get("g1")).isEqualTo("back");
        assertThatThrownBy(() -> new SharedReads<String, String>(k -> {
                            throw new IllegalArgumentException("no");
                        })
                        .get("x"))
                .hasMessage("no");
    }

    private static Thread asker(
            SharedReads<String, String> shared, String key, String who, ConcurrentHashMap<String, String> answers) {
        Thread t = new Thread(() -> {
            try {
                answers.put(who, shared.get(key));
            } catch (IllegalStateException e) {
                answers.put(who, "failed: " + e.getMessage());
            }
        });
        t.start();
        return t;
    }

    private static boolean parked(Thread t) {
        return t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TIMED_WAITING;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(5);
        }
    }
}
