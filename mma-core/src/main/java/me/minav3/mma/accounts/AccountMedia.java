package me.minav3.mma.accounts;

import java.util.ArrayList;
import java.util.List;
import me.minav3.mma.assets.AssetKey;
import me.minav3.mma.assets.AssetKind;
import me.minav3.mma.assets.AssetStore;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.PassId;

/** The media of an account in the asset store: its uploads (and URL imports) and its generations' outputs. */
final class AccountMedia {

    private AccountMedia() {}

    static List<AssetKey> of(AssetStore store, PassId passId, List<GenerationId> generations) {
        List<AssetKey> keys = new ArrayList<>();
        for (AssetKind kind : AssetKind.values()) {
            keys.addAll(store.list(AssetKey.uploadsPrefix(kind, passId)));
        }
        for (GenerationId generation : generations) {
            keys.addAll(store.list(AssetKey.outputsPrefix(generation, false)));
            keys.addAll(store.list(AssetKey.outputsPrefix(generation, true)));
        }
        return keys;
    }
}
