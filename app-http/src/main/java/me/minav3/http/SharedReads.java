package me.minav3.http;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One database read shared by everyone who asks for the same key at about the same time (decision 047): a thousand
 * SSE streams of ten generations re-read ten generations, not a thousand, and a thousand stream opens with one login
 * check it ten times.
 *
 * <p>Never stale: a caller is answered only by a read that <em>started after it asked</em>. Per key at most one read
 * runs; whoever asks while it runs waits for it to end and then shares the next read, which the first of them makes
 * for all. A read that fails fails for everyone who shared it.
 *
 * @param <K> what is read (a generation id, a login)
 * @param <V> what the read answers
 */
public final class SharedReads<K, V> {

    private final Function<K, V> read;
    private final Map<K, Slot<V>> slots = new HashMap<>(); // guarded by this

    /** The read in flight for a key, and the one that starts when it ends (everyone who asked meanwhile). */
    private static final class Slot<V> {
        @Nullable
        CompletableFuture<V> running;

        @Nullable
        CompletableFuture<V> next;
    }

    public SharedReads(Function<K, V> read) {
        this.read = read;
    }

    /** The value read for {@code key} by a read that started after this call. */
    public V get(K key) {
        CompletableFuture<V> mine;
        @Nullable CompletableFuture<V> before;
        @Nullable CompletableFuture<V> theirs = null;
        Slot<V> slot;
        synchronized (this) {
            slot = slots.computeIfAbsent(key, k -> new Slot<>());
            mine = new CompletableFuture<>();
            if (slot.running == null) {
                slot.running = mine;
                before = null;
            } else if (slot.next == null) {
                slot.next = mine;
                before = slot.running;
            } else {
                theirs = slot.next; // someone else makes the next read for us
                before = null;
            }
        }
        if (theirs != null) {
            return await(theirs); // outside the lock: the reader needs it to finish
        }
        if (before != null) {
            before.handle((v, e) -> null).join(); // the read in flight began before we asked: wait it out
            synchronized (this) {
                slot.running = mine;
                slot.next = null; // who asks from now on shares the read after this one
            }
        }
        try {
            V value = read.apply(key);
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            synchronized (this) {
                if (slot.running == mine) {
                    slot.running = null;
                    if (slot.next == null) {
                        slots.remove(key);
                    }
                }
            }
        }
    }

    /** Keys with a read running or waiting (tests). */
    synchronized int pendingKeys() {
        return slots.size();
    }

    /** Whether callers are waiting to share the read after the one running for {@code key} (tests). */
    synchronized boolean someoneWaitsFor(K key) {
        Slot<V> slot = slots.get(key);
        return slot != null && slot.next != null;
    }

    private static <V> V await(CompletableFuture<V> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for a shared read", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
