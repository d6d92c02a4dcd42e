package me.minav3.mma.studio;

import java.time.Instant;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;

/**
 * A taste event joined with what it was about: what the user liked, disliked or downloaded, with the style,
 * prompt and output caption of that generation.
 */
public record TasteSignal(
        EventType type, GenerationId generationId, String style, String prompt, String caption, Instant at) {}
