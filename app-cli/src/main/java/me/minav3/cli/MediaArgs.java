package me.minav3.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;

/** An image given on the command line as a file or a URL, stored through the one ingestion path. */
final class MediaArgs {

    private MediaArgs() {
    }

    /** The permanent public URL of the stored image, or null for no argument. */
    static String store(IngestMedia media, PassId owner, AssetKind kind, String arg) {
        if (arg == null || arg.isBlank()) {
            return null;
        }
        if (arg.startsWith("http://") || arg.startsWith("https://")) {
            try {
                return media.importUrl(owner, kind, new URI(arg)).url();
            } catch (URISyntaxException e) {
                throw new InvalidInput("--" + kind.wire() + ": not a valid URL: " + arg);
            }
        }
        try {
            return media.upload(owner, kind, Files.readAllBytes(Path.of(arg))).url();
        } catch (NoSuchFileException e) {
            throw new InvalidInput("--" + kind.wire() + ": no such file: " + arg);
        } catch (IOException e) {
            throw new InvalidInput("--" + kind.wire() + ": cannot read " + arg + ": " + e.getMessage());
        }
    }
}
