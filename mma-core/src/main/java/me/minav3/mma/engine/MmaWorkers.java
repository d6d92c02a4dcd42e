package me.minav3.mma.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.GenerationQueue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of MMA workers in this process: claims queued generations from the queue (several processes may share
 * one database), runs each on its own virtual thread, keeps their leases alive while providers work, and gives
 * unfinished jobs back on shutdown. How many run at once is bounded; no database connection is held while a job
 * waits on a provider.
 */
public final class MmaWorkers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MmaWorkers.class);
    /** Jobs claimed in one round trip at most, when that many slots are free. */
    static final int CLAIM_BATCH = 32;
    /**
     * How long {@link #stop} waits for the jobs it gave back to end once told to: a job blocked on a provider or the
     * database ends at once when interrupted, the local video maker between two frames.
     */
    private static final Duration GIVEN_BACK_WAIT = Duration.ofSeconds(5);

    /** How the pool works: its lease owner name, concurrency, lease, idle poll and attempts per job. */
    public record Settings(String workerId, int maxInFlight, Duration lease, Duration poll, int maxAttempts) {
        public Settings {
            if (maxInFlight < 1) {
                throw new IllegalArgumentException("at least one job at a time");
            }
        }

        public static Settings from(ConfigService config, String workerId, int maxInFlight) {
            var pipeline = config.value(ConfigKeys.PIPELINE);
            return new Settings(
                    workerId,
                    maxInFlight,
                    Duration.ofSeconds(Json.number(pipeline, "lease_seconds", 120)),
                    Duration.ofMillis(Json.number(pipeline, "poll_ms", 250)),
                    (int) Json.number(pipeline, "max_attempts", 3));
        }
    }

    private final GenerationQueue queue;
    private final PipelineRunner runner;
    private final Clock clock;
    private final Settings settings;
    private final Semaphore slots;
    /** The jobs running here, each with when its lease was last set (claimed or renewed). */
    private final Map<GenerationId, Instant> running = new ConcurrentHashMap<>();
    /** The threads of the jobs this pool claimed (not those {@link #runOwn} runs on its caller's thread). */
    private final Map<GenerationId, Thread> jobThreads = new ConcurrentHashMap<>();
    /** Jobs given back by {@link #stop} while still running: how they end is expected, not a failure. */
    private final Set<GenerationId> givenBack = ConcurrentHashMap.newKeySet();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private volatile boolean wakeRequested;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private @Nullable Thread dispatcher;
    private @Nullable Thread heartbeat;

    public MmaWorkers(GenerationQueue queue, PipelineRunner runner, Clock clock, Settings settings) {
        this.queue = queue;
        this.runner = runner;
        this.clock = clock;
        this.settings = settings;
        this.slots = new Semaphore(settings.maxInFlight());
    }

    public synchronized void start() {
        if (dispatcher != null) {
            return;
        }
        dispatcher = Thread.ofVirtual().name("mma-dispatcher").start(this::dispatch);
        startHeartbeat();
        log.info(
                "mma_workers_started worker={} max_in_flight={} lease_s={}",
                settings.workerId(),
                settings.maxInFlight(),
                settings.lease().toSeconds());
    }

    private synchronized void startHeartbeat() {
        if (heartbeat == null) {
            heartbeat = Thread.ofVirtual().name("mma-heartbeat").start(this::renewLeases);
        }
    }

    /**
     * Runs one specific generation on the calling thread if no other worker holds it (the CLI runs its own jobs
     * this way and never takes other people's from the queue). Returns false when another worker has it.
     */
    public boolean runOwn(GenerationId id) {
        Instant now = clock.now();
        Optional<Generation> job = queue.claim(id, settings.workerId(), now, settings.lease());
        if (job.isEmpty()) {
            return false;
        }
        startHeartbeat();
        running.put(id, now);
        try {
            runner.run(job.get(), settings.workerId(), settings.maxAttempts());
        } finally {
            running.remove(id);
        }
        return true;
    }

    /** New work was queued: look now instead of at the next poll. */
    public void wake() {
        lock.lock();
        try {
            wakeRequested = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Jobs running in this process right now. */
    public int inFlight() {
        return running.size();
    }

    private void dispatch() {
        while (!stopping.get()) {
            int taken = 0;
            try {
                // Never interrupted: an interrupt inside a database call would break the connection mid-claim.
                if (!slots.tryAcquire(settings.poll().toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                taken = 1 + takeFreeSlots(CLAIM_BATCH - 1);
                Instant now = clock.now();
                List<Generation> jobs =
                        stopping.get() ? List.of() : queue.claimUpTo(settings.workerId(), now, settings.lease(), taken);
                slots.release(taken - jobs.size());
                taken = 0;
                if (jobs.isEmpty()) {
                    idle();
                    continue;
                }
                for (Generation claimed : jobs) {
                    // in the map before the job starts, so a job that ends at once is not left in it
                    running.put(claimed.id(), now);
                    Thread job = Thread.ofVirtual()
                            .name("mma-" + claimed.id().value())
                            .unstarted(() -> work(claimed));
                    jobThreads.put(claimed.id(), job);
                    job.start();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                slots.release(taken);
                log.warn("mma_claim_failed worker={} error=\"{}\"", settings.workerId(), e.toString());
                idle();
            }
        }
    }

    /** Takes up to {@code most} more free slots without waiting; returns how many. */
    private int takeFreeSlots(int most) {
        int taken = 0;
        while (taken < most && slots.tryAcquire()) {
            taken++;
        }
        return taken;
    }

    private void work(Generation job) {
        try {
            runner.run(job, settings.workerId(), settings.maxAttempts());
        } catch (RuntimeException e) {
            if (givenBack.contains(job.id())) {
                log.info(
                        "mma_job_stopped generation={} worker={} error=\"{}\" (given back at stop)",
                        job.id().mgId(),
                        settings.workerId(),
                        e.toString());
            } else {
                log.warn(
                        "mma_job_interrupted generation={} worker={} error=\"{}\"",
                        job.id().mgId(),
                        settings.workerId(),
                        e.toString());
                handBack(job.id());
            }
        } finally {
            jobThreads.remove(job.id());
            running.remove(job.id());
            slots.release();
            wake();
        }
    }

    /**
     * Gives an interrupted job back (its run failed on a write, typically because the database went away) as
     * soon as the database answers again, so it is claimed again at once instead of after its lease; it resumes
     * after its last recorded step. Gives up when the lease would have expired anyway.
     */
    private void handBack(GenerationId id) {
        long deadline = System.nanoTime() + settings.lease().toNanos();
        long backoff = 100;
        while (!stopping.get() && System.nanoTime() < deadline) {
            try {
                queue.releaseLease(id, settings.workerId());
                log.info("mma_job_released generation={} worker={}", id.mgId(), settings.workerId());
                return;
            } catch (RuntimeException e) {
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 2_000);
            }
        }
    }

    private void idle() {
        lock.lock();
        try {
            if (!wakeRequested && !stopping.get()) {
                work.await(settings.poll().toMillis(), TimeUnit.MILLISECONDS);
            }
            wakeRequested = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Beats six times per lease and renews a job's lease once a third of it has passed since it was last set. A job
     * shorter than that is never renewed (most stills), and 2,000 jobs in flight no longer cost 2,000 updates at every
     * beat, each a new version of the row in every index (the lease is in the queue index). The first renewal comes
     * with at least half the lease left, and one that fails is tried again at the next beat.
     */
    private void renewLeases() {
        Duration lease = settings.lease();
        long every = Math.max(50, lease.toMillis() / 6);
        Duration renewAfter = lease.dividedBy(3);
        while (!stopping.get()) {
            try {
                Thread.sleep(every);
            } catch (InterruptedException e) {
                return;
            }
            for (Map.Entry<GenerationId, Instant> job : running.entrySet()) {
                GenerationId id = job.getKey();
                Instant now = clock.now();
                if (Duration.between(job.getValue(), now).compareTo(renewAfter) < 0) {
                    continue;
                }
                try {
                    if (queue.renewLease(id, settings.workerId(), now.plus(lease))) {
                        running.replace(id, job.getValue(), now); // unless the job ended meanwhile
                    } else {
                        log.info("lease_not_renewed generation={} worker={}", id.mgId(), settings.workerId());
                    }
                } catch (RuntimeException e) {
                    log.warn("lease_renewal_failed generation={} error=\"{}\"", id.mgId(), e.toString());
                }
            }
        }
    }

    /**
     * Stops claiming, lets running jobs finish for up to {@code drain}, then gives the rest back so another
     * worker (here after a restart, or in another process) picks them up at once, and stops them: each is
     * interrupted (its writes are refused from then on, the lease being no longer its own) and waited for, up to
     * {@link #GIVEN_BACK_WAIT}, so none runs on against the stores closed after this. Only the first call does this;
     * a later one (serve drains the workers, then closes the wiring that owns them) returns when the first is done.
     */
    public void stop(Duration drain) {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            drainAndRelease(drain);
        } finally {
            stopped.countDown();
        }
    }

    private void drainAndRelease(Duration drain) {
        wake();
        long deadline = System.nanoTime() + drain.toNanos();
        if (dispatcher != null) {
            try {
                dispatcher.join(Math.max(1, settings.poll().toMillis() * 4));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        while (!running.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (GenerationId id : running.keySet()) {
            givenBack.add(id);
            try {
                queue.releaseLease(id, settings.workerId());
                log.info("mma_job_released generation={} worker={}", id.mgId(), settings.workerId());
            } catch (RuntimeException e) {
                log.warn(
                        "mma_job_not_released generation={} error=\"{}\" (claimed again when its lease expires)",
                        id.mgId(),
                        e.toString());
            }
        }
        stopGivenBack();
        if (heartbeat != null) {
            heartbeat.interrupt();
        }
    }

    /** Interrupts the jobs given back (after their leases were released) and waits for their threads to end. */
    private void stopGivenBack() {
        List<Thread> threads = givenBack.stream()
                .map(jobThreads::get)
                .filter(thread -> thread != null)
                .toList();
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + GIVEN_BACK_WAIT.toNanos();
        for (Thread thread : threads) {
            long left = deadline - System.nanoTime();
            try {
                if (left <= 0 || !thread.join(Duration.ofNanos(left))) {
                    log.warn(
                            "mma_job_still_running_at_stop thread={} (given back; its writes are refused)",
                            thread.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }
}
