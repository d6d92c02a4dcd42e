package me.minav3.adapters.providers.local;

import java.time.Duration;
import me.minav3.mma.providers.ImageEditor;
import me.minav3.mma.providers.ImageEditorContract;

/** The editor contract on the offline tools (the algorithms' own tests prove the pixels). */
class LocalImageEditorContractTest extends ImageEditorContract {

    private final ImageEditor editor = LocalProviders.editor(Duration.ZERO);

    @Override
    protected ImageEditor editor() {
        return editor;
    }
}
