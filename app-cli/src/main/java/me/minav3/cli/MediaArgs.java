package me.minav3.cli;

import java.net.URI;
import java.net.URISyntaxException;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidInput;
import org.jspecify.annotations.Nullable;

/** An image given on the command line as a file or a URL, stored through the one ingestion path. */
final class MediaArgs {

    private MediaArgs() {}

    /**
     * The permanent public URL of the stored image (a file, {@code -} for stdin, or a URL), or null for none;
     * {@code option} is how the person gave it ({@code --product}), for messages.
     */
    static @Nullable String store(
            IngestMedia media, PassId owner, AssetKind kind, String option, @Nullable String arg, Stdin stdin) {
        if (arg == null || arg.isBlank()) {
            return null;
        }
        if (arg.startsWith("http://") || arg.startsWith("https://")) {
            try {
                return media.importUrl(owner, kind, new URI(arg)).url();
            } catch (URISyntaxException e) {
                throw new InvalidInput(option + ": not a valid URL: " + arg);
            }
        }
        try {
            return media.upload(owner, kind, Inputs.bytes(arg, option, stdin)).url();
        } catch (InvalidInput e) {
            String message = String.valueOf(e.getMessage());
            throw message.startsWith(option) ? e : new InvalidInput(option + ": " + message);
        }
    }
}
