package me.minav3.adapters.postgres;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Who gets the pool's next connection (decisions 038, 047, 049). The gate hands out at most {@code total} permits —
 * the pool's size — so whoever holds one finds a connection in HikariCP without queueing there: the order decided
 * here is the order served. When a permit is free and several wait, it goes, in this order, to
 *
 * <ol>
 *   <li>the NOTIFY forwarders (one statement each, and every other process's live lines wait for it);
 *   <li>pipeline workers holding fewer than their floor (so a create storm cannot starve running stills);
 *   <li>requests, first come first served;
 *   <li>pipeline workers, up to their share ({@code total − reserved for requests}).
 * </ol>
 *
 * A caller finding its lane's queue empty and a permit it may take takes it at once; otherwise it queues behind its
 * lane and waits for a hand-off, so nobody overtakes a waiter of a higher or the same lane.
 */
final class ConnectionGate {

    /** The three kinds of callers, in the order they are served. */
    enum Lane {
        NOTIFY,
        REQUEST,
        WORKER
    }

    /** How an acquire ended. */
    enum Admission {
        GRANTED,
        /** The lane's queue had {@code maxWaiting} callers already: refused without waiting. */
        QUEUE_FULL,
        TIMED_OUT
    }

    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        volatile boolean granted;
    }

    private final int total;
    private final int workerShare;
    private final int workerFloor;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ArrayDeque<Waiter>> queues = new ArrayList<>(); // by lane's ordinal
    private final int[] held = new int[Lane.values().length];
    private int free;

    /**
     * @param total       the pool's size: permits of every lane together
     * @param workerShare permits workers may hold at once
     * @param workerFloor permits workers are served before requests until they hold them
     */
    ConnectionGate(int total, int workerShare, int workerFloor) {
        if (total < 1 || workerShare < 1 || workerShare > total || workerFloor < 0 || workerFloor > workerShare) {
            throw new IllegalArgumentException(
                    "gate of " + total + " with a worker share of " + workerShare + " and a floor of " + workerFloor);
        }
        this.total = total;
        this.workerShare = workerShare;
        this.workerFloor = workerFloor;
        this.free = total;
        for (int i = 0; i < Lane.values().length; i++) {
            queues.add(new ArrayDeque<>());
        }
    }

    /**
     * Takes a permit of {@code lane}: at once when it may, else after the callers it must let go first, for up to
     * {@code waitNanos}. Interrupted while waiting, it gives back a permit handed to it meanwhile and throws.
     *
     * @param maxWaiting callers of this lane that may wait at once; one more is refused ({@link Admission#QUEUE_FULL})
     */
    Admission acquire(Lane lane, long waitNanos, int maxWaiting) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Waiter me = new Waiter();
        ArrayDeque<Waiter> queue = queue(lane);
        lock.lock();
        try {
            queue.addLast(me);
            dispatch();
            if (me.granted) {
                return Admission.GRANTED;
            }
            if (queue.size() - 1 >= maxWaiting) {
                queue.remove(me);
                return Admission.QUEUE_FULL;
            }
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + waitNanos;
        boolean interrupted = false;
        while (!me.granted) {
            if (Thread.interrupted()) {
                interrupted = true;
                break;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            LockSupport.parkNanos(this, left);
        }
        if (me.granted && !interrupted) {
            return Admission.GRANTED;
        }
        lock.lock();
        try {
            if (!me.granted) {
                queue.remove(me);
                dispatch(); // leaving may let someone behind in another lane through
            } else {
                give(lane); // handed to us as we gave up: pass it on
            }
        } finally {
            lock.unlock();
        }
        if (interrupted) {
            throw new InterruptedException();
        }
        return Admission.TIMED_OUT;
    }

    /** Gives back a permit of {@code lane}; the next caller in the order above gets it. */
    void release(Lane lane) {
        lock.lock();
        try {
            give(lane);
        } finally {
            lock.unlock();
        }
    }

    /** Permits of {@code lane} held right now. */
    int held(Lane lane) {
        lock.lock();
        try {
            return held[lane.ordinal()];
        } finally {
            lock.unlock();
        }
    }

    /** Callers of {@code lane} waiting right now. */
    int waiting(Lane lane) {
        lock.lock();
        try {
            return queue(lane).size();
        } finally {
            lock.unlock();
        }
    }

    /** Permits nobody holds (all of them once everything was given back). */
    int free() {
        lock.lock();
        try {
            return free;
        } finally {
            lock.unlock();
        }
    }

    int total() {
        return total;
    }

    /** Permits {@code lane} may hold at once: the workers' share for workers, every connection for the others. */
    int limit(Lane lane) {
        return lane == Lane.WORKER ? workerShare : total;
    }

    private ArrayDeque<Waiter> queue(Lane lane) {
        return queues.get(lane.ordinal());
    }

    private void give(Lane lane) {
        if (held[lane.ordinal()] <= 0 || free >= total) {
            throw new IllegalStateException("a permit of the " + lane + " lane given back twice");
        }
        held[lane.ordinal()]--;
        free++;
        dispatch();
    }

    /** Hands free permits to the waiters that come first (under the lock). */
    private void dispatch() {
        while (free > 0) {
            Lane lane = next();
            if (lane == null) {
                return;
            }
            Waiter waiter = queue(lane).pollFirst();
            if (waiter == null) {
                return; // not reached: next() names a lane with a waiter
            }
            held[lane.ordinal()]++;
            free--;
            waiter.granted = true;
            if (waiter.thread != Thread.currentThread()) {
                LockSupport.unpark(waiter.thread);
            }
        }
    }

    private @Nullable Lane next() {
        if (!queue(Lane.NOTIFY).isEmpty()) {
            return Lane.NOTIFY;
        }
        int workers = held[Lane.WORKER.ordinal()];
        boolean workerWaits = !queue(Lane.WORKER).isEmpty();
        if (workerWaits && workers < workerFloor) {
            return Lane.WORKER;
        }
        if (!queue(Lane.REQUEST).isEmpty()) {
            return Lane.REQUEST;
        }
        if (workerWaits && workers < workerShare) {
            return Lane.WORKER;
        }
        return null;
    }

    @Override
    public String toString() {
        return "ConnectionGate[total=" + total + ", workers " + workerShare + " (floor " + workerFloor + ")]";
    }
}
