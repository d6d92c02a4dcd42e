package me.minav3.adapters.r2;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.MediaType;
import me.minav3.mma.assets.PublicBaseUrl;
import me.minav3.mma.assets.StorageHealth;
import me.minav3.mma.assets.StoredAsset;
import me.minav3.mma.error.StorageFailure;
import org.jspecify.annotations.Nullable;

/**
 * The embedded default: assets as files under a directory, served by the app at {@code <publicBase>/<key>}.
 * A write goes to a hidden temporary file first and is moved into place, so a reader never sees half a file.
 *
 * <p>Besides URLs under its own base, the store recognizes its files by the path they are served at
 * ({@code /assets/<key>}, what answers give since decision 033) and under a loopback host on any port
 * ({@code http://localhost:8080/assets/<key>}, what {@code ./mina generate} stores by default): the same directory
 * served by another process is the same store.
 */
final class LocalAssetStore implements AssetStore {

    private static final Pattern LOOPBACK = Pattern.compile(
            "https?://(localhost|127\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}|\\[::1\\])(:[0-9]{1,5})?(/.*)");

    private final Path root;
    private final PublicBaseUrl base;
    private final String path;

    LocalAssetStore(Path root, String publicBase) {
        this.root = root.toAbsolutePath().normalize();
        this.base = new PublicBaseUrl(publicBase);
        String basePath = java.net.URI.create(base.value()).getRawPath();
        this.path = basePath == null ? "" : basePath;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new StorageFailure("Cannot create the asset directory " + this.root, e);
        }
    }

    @Override
    public String name() {
        return "local";
    }

    @Override
    public StoredAsset put(AssetKey key, byte[] bytes, MediaType type) {
        Path target = pathOf(key);
        Path temp = null;
        try {
            Files.createDirectories(target.getParent());
            temp = Files.createTempFile(target.getParent(), ".tmp-", ".part");
            Files.write(temp, bytes);
            moveIntoPlace(temp, target);
        } catch (IOException | UncheckedIOException e) {
            throw new StorageFailure("Could not write the asset " + key + " under " + root, e);
        } finally {
            deleteQuietly(temp);
        }
        return new StoredAsset(key, publicUrl(key), type, bytes.length);
    }

    @Override
    public Optional<byte[]> read(AssetKey key) {
        try {
            return Optional.of(Files.readAllBytes(pathOf(key)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageFailure("Could not read the asset " + key + " under " + root, e);
        }
    }

    @Override
    public List<AssetKey> list(String prefix) {
        // Walk only the deepest directory the prefix names in full; keys never start with a dot (temp files do).
        int slash = prefix.lastIndexOf('/');
        Path start = slash < 0 ? root : root.resolve(prefix.substring(0, slash)).normalize();
        if (!start.startsWith(root) || !Files.isDirectory(start, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(start)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString().replace(java.io.File.separatorChar, '/'))
                    .filter(key -> key.startsWith(prefix)
                            && !key.substring(key.lastIndexOf('/') + 1).startsWith("."))
                    .sorted()
                    .map(AssetKey::new)
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new StorageFailure("Could not list the assets under " + prefix + " in " + root, e);
        }
    }

    @Override
    public void delete(AssetKey key) {
        try {
            Files.deleteIfExists(pathOf(key));
        } catch (IOException e) {
            throw new StorageFailure("Could not delete the asset " + key + " under " + root, e);
        }
    }

    @Override
    public String publicUrl(AssetKey key) {
        return base.urlOf(key);
    }

    @Override
    public Optional<AssetKey> keyOf(@Nullable String url) {
        if (url == null) {
            return Optional.empty();
        }
        Optional<AssetKey> key = base.keyOf(url);
        if (key.isPresent()) {
            return key;
        }
        Matcher loopback = LOOPBACK.matcher(url);
        return underPath(loopback.matches() ? loopback.group(3) : url);
    }

    /** The key of {@code <path>/<key>} on the serving site; empty for anything else (queries, fragments, dot segments). */
    private Optional<AssetKey> underPath(String url) {
        if (path.isEmpty() || !url.startsWith(path + "/") || url.contains("?") || url.contains("#")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AssetKey(url.substring(path.length() + 1)));
        } catch (IllegalArgumentException unsafe) {
            return Optional.empty();
        }
    }

    @Override
    public StorageHealth check() {
        if (!Files.isDirectory(root)) {
            return new StorageHealth(StorageHealth.Status.MISCONFIGURED, "the asset directory " + root + " is missing");
        }
        if (!Files.isWritable(root)) {
            return new StorageHealth(
                    StorageHealth.Status.MISCONFIGURED, "the asset directory " + root + " is not writable");
        }
        return StorageHealth.ok("directory " + root);
    }

    /** The stored file of a key, for serving: a regular file (not a link) inside the root, or empty. */
    static Optional<AssetStores.LocalFile> file(Path root, String key) {
        AssetKey assetKey;
        try {
            assetKey = new AssetKey(key);
        } catch (IllegalArgumentException | NullPointerException unsafe) {
            return Optional.empty();
        }
        Path dir = root.toAbsolutePath().normalize();
        Path path = dir.resolve(assetKey.value()).normalize();
        String extension = key.substring(key.lastIndexOf('.') + 1);
        Optional<MediaType> type = MediaType.fromExtension(extension);
        if (!path.startsWith(dir) || type.isEmpty() || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AssetStores.LocalFile(path, type.get().contentType(), Files.size(path)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Path pathOf(AssetKey key) {
        Path path = root.resolve(key.value()).normalize();
        if (!path.startsWith(root)) {
            throw new StorageFailure("The asset key " + key + " leaves the asset directory");
        }
        return path;
    }

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(@Nullable Path temp) {
        if (temp != null) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover hidden temp file is harmless: keys never start with a dot, so it is never served
            }
        }
    }
}
