package me.minav3.mma.submit;

import java.net.URI;
import java.net.URISyntaxException;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.assets.IngestMedia;
import me.minav3.mma.common.PassId;
import me.minav3.mma.error.InvalidUpload;
import org.jspecify.annotations.Nullable;

/**
 * Input images given by URL: one already in our store is used as it is; any other is imported through the safe
 * ingestion path first, so a generation only ever references permanent public URLs of ours.
 */
public final class MediaInputs {

    private final AssetStore store;
    private final IngestMedia ingest;

    public MediaInputs(AssetStore store, IngestMedia ingest) {
        this.store = store;
        this.ingest = ingest;
    }

    public @Nullable String resolve(PassId owner, AssetKind kind, @Nullable String url) {
        if (url == null) {
            return null;
        }
        var own = store.keyOf(url);
        if (own.isPresent()) {
            return store.publicUrl(own.get()); // one form in the document, however the page spelled it
        }
        try {
            return ingest.importUrl(owner, kind, new URI(url)).url();
        } catch (URISyntaxException e) {
            throw new InvalidUpload("that " + kind.wire() + " link is not a valid URL");
        }
    }
}
