package me.minav3.mma.studio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.customers.Preferences;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.generation.Generation;
import me.minav3.mma.generation.Generations;
import org.jspecify.annotations.Nullable;

/**
 * Spec §12.3: a user likes, dislikes, downloads or comments on one of their generations, or takes back a like or
 * dislike ({@code clear}). Events are never changed: the later like, dislike or clear is the reaction (decision
 * 031). A dislike may carry a hard block ("never neon"), which joins the customer's preferences.
 */
public final class RecordEvent {

    private static final Set<EventType> ALLOWED =
            Set.of(EventType.LIKE, EventType.DISLIKE, EventType.CLEAR, EventType.DOWNLOAD, EventType.FEEDBACK);

    private final Generations generations;
    private final StudioEvents events;
    private final SavePreferences preferences;
    private final CustomerStore customers;
    private final Clock clock;
    private final IdGenerator ids;

    public RecordEvent(
            Generations generations,
            StudioEvents events,
            CustomerStore customers,
            SavePreferences preferences,
            Clock clock,
            IdGenerator ids) {
        this.generations = generations;
        this.events = events;
        this.customers = customers;
        this.preferences = preferences;
        this.clock = clock;
        this.ids = ids;
    }

    public MmaEvent record(PassId passId, GenerationId generationId, EventType type, @Nullable String text) {
        return record(passId, generationId, type, text, null);
    }

    /**
     * @param hardBlock with a dislike only: a tag never to show again (added to the customer's hard blocks)
     */
    public MmaEvent record(
            PassId passId,
            GenerationId generationId,
            EventType type,
            @Nullable String text,
            @Nullable String hardBlock) {
        if (!ALLOWED.contains(type)) {
            throw new InvalidInput("event type must be like, dislike, clear, download or feedback");
        }
        String cleaned = text == null || text.isBlank() ? null : text.strip();
        if (type == EventType.FEEDBACK && cleaned == null) {
            throw new InvalidInput("feedback needs a text");
        }
        UserText.check("the text", cleaned);
        if (cleaned != null && cleaned.length() > 2000) {
            throw new InvalidInput("the text is at most 2000 characters");
        }
        String block = null;
        if (hardBlock != null && !hardBlock.isBlank()) {
            if (type != EventType.DISLIKE) {
                throw new InvalidInput("a hard block comes with a dislike");
            }
            try {
                block = Preferences.normalizeTag(hardBlock);
            } catch (IllegalArgumentException e) {
                throw new InvalidInput("hard block: " + e.getMessage());
            }
        }
        Generation generation = generations.findOwned(generationId, passId);
        Preferences blocked = block == null ? null : withBlock(passId, block); // refused before anything is written
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("mode", generation.mode().wire());
        if (block != null) {
            meta.put("hard_block", block);
        }
        MmaEvent event = new MmaEvent(ids.newId(), passId, type, generation.id(), cleaned, meta, clock.now());
        events.record(event);
        if (blocked != null) {
            preferences.save(passId, blocked);
        }
        return event;
    }

    /** The customer's preferences with one more hard block, or null when they already have it. */
    private @Nullable Preferences withBlock(PassId passId, String block) {
        Preferences current = customers.find(passId).map(c -> c.preferences()).orElse(Preferences.NONE);
        if (current.hardBlocks().contains(block)) {
            return null;
        }
        List<String> blocks = new ArrayList<>(current.hardBlocks());
        blocks.add(block);
        try {
            return new Preferences(blocks, current.tagWeights());
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(e.getMessage());
        }
    }
}
