package me.minav3.adapters.postgres;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which processes use the embedded server of a data directory: each holds a shared lock on {@code <data dir>/pg.users}
 * from attaching until it closes, and the kernel drops it when a process dies (kill -9 included). Whoever wants to
 * stop an idle server ({@link WarmKeeper}, {@code mina db stop}) needs the exclusive lock, so it can never stop a
 * server under a process that still uses it. One channel per file per JVM (Java's rule for file locks), shared by
 * every user in the JVM through a count.
 */
final class ClusterUsers {

    static final String FILE = "pg.users";

    private record Held(FileChannel channel, FileLock lock, int count) {}

    private static final Map<Path, Held> held = new HashMap<>();

    private ClusterUsers() {}

    static synchronized void join(Path dataDir) throws IOException {
        Path key = dataDir.toAbsolutePath().normalize();
        Held current = held.get(key);
        if (current != null) {
            held.put(key, new Held(current.channel(), current.lock(), current.count() + 1));
            return;
        }
        FileChannel channel = FileChannel.open(
                key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            held.put(key, new Held(channel, channel.lock(0, Long.MAX_VALUE, true), 1));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    static synchronized void leave(Path dataDir) {
        Path key = dataDir.toAbsolutePath().normalize();
        Held current = held.get(key);
        if (current == null) {
            return;
        }
        if (current.count() > 1) {
            held.put(key, new Held(current.channel(), current.lock(), current.count() - 1));
            return;
        }
        held.remove(key);
        try {
            current.channel().close(); // releases the lock
        } catch (IOException e) {
            // the lock goes with the process at the latest
        }
    }

    /**
     * The exclusive lock when no process (this one included) uses the server, else null; the caller closes the
     * returned channel to release it.
     */
    static synchronized @Nullable FileChannel whenUnused(Path dataDir) throws IOException {
        Path key = dataDir.toAbsolutePath().normalize();
        if (held.containsKey(key)) {
            return null;
        }
        FileChannel channel = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        channel.close();
        return null;
    }
}
