package me.minav3.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * A temporary directory for one harness run (an embedded PostgreSQL's data, a profile's parts), deleted with
 * everything in it when the run ends: a P2 run's database alone is about half a gigabyte.
 */
final class Scratch implements AutoCloseable {

    private final Path dir;

    private Scratch(Path dir) {
        this.dir = dir;
    }

    static Scratch create(String prefix) throws IOException {
        return new Scratch(Files.createTempDirectory(prefix));
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        delete(dir);
    }

    /** Deletes a directory tree, as far as it can: what is left is in the system's temporary directory. */
    static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a file removed meanwhile, or unreadable: left to the system's cleaning
        }
    }
}
