package me.minav3.adapters.postgres;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jspecify.annotations.Nullable;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries bundled as a Maven artifact (io.zonky.test.postgres), unpacked once per version
 * into the temp directory and shared by every process on the machine.
 */
final class PostgresBinaries {

    private static volatile @Nullable Path found; // once per JVM

    private PostgresBinaries() {}

    /**
     * The directory holding {@code bin/initdb}, {@code bin/pg_ctl}, … The archive is streamed (hashed, then unpacked
     * when not yet on disk), never held in memory: a small JVM such as the {@link WarmKeeper} must be able to call this.
     */
    static Path unpacked() {
        Path known = found;
        if (known != null && Files.exists(known.resolve(".complete"))) {
            return known;
        }
        Path target = unpack();
        found = target;
        return target;
    }

    private static Path unpack() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            try (InputStream in = archive()) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    sha.update(buffer, 0, n);
                }
            }
            String digest = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            Path root = Path.of(System.getProperty("java.io.tmpdir"), "mina-postgres");
            Path target = root.resolve("pg-" + digest);
            if (Files.exists(target.resolve(".complete"))) {
                return target;
            }
            Files.createDirectories(root);
            try (FileChannel lockFile = FileChannel.open(
                            root.resolve("pg-" + digest + ".lock"),
                            StandardOpenOption.CREATE,
                            StandardOpenOption.WRITE);
                    FileLock ignored = lockFile.lock()) {
                if (!Files.exists(target.resolve(".complete"))) {
                    Path staging = Files.createTempDirectory(root, "unpack-");
                    try (InputStream in = archive()) {
                        extract(in, staging);
                    }
                    Files.createFile(staging.resolve(".complete"));
                    deleteTree(target);
                    Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("could not unpack the embedded PostgreSQL binaries", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream archive() throws IOException {
        return new BufferedInputStream(DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system(), architecture()));
    }

    private static void extract(InputStream archive, Path target) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0
                            || entry.getName().replace("./", "").startsWith("bin/")) {
                        path.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String system() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "Darwin";
        }
        return os.contains("win") ? "Windows" : "Linux";
    }

    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return "amd64".equals(arch) ? "x86_64" : arch;
    }
}
