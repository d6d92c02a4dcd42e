package me.minav3.mma.testing;

import me.minav3.mma.assets.AssetStore;

class InMemoryAssetStoreTest extends AssetStoreContract {

    private final InMemoryAssetStore store = new InMemoryAssetStore();

    @Override
    protected AssetStore store() {
        return store;
    }

    @Override
    protected String publicBase() {
        return InMemoryAssetStore.DEFAULT_BASE;
    }
}
