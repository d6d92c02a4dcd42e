package me.minav3.mma.styles;

import java.util.List;

/** A published preset as the studio shows it: its hero and reference images as permanent URLs. */
public record PresetStyle(String id, String name, String cue, String heroUrl, List<String> referenceUrls) {

    public PresetStyle {
        referenceUrls = List.copyOf(referenceUrls);
    }
}
