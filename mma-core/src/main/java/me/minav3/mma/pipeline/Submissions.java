package me.minav3.mma.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import me.minav3.mma.domain.CreateOutcome;
import me.minav3.mma.domain.EventType;
import me.minav3.mma.domain.GenerationDocument;
import me.minav3.mma.domain.GenerationId;
import me.minav3.mma.domain.Json;
import me.minav3.mma.domain.Matcha;
import me.minav3.mma.domain.MmaMode;
import me.minav3.mma.domain.MmaEvent;
import me.minav3.mma.domain.NewGeneration;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.error.InvalidInput;
import me.minav3.mma.port.IdGenerator;
import me.minav3.mma.port.Ledger;

/**
 * What every way of starting a generation shares: the id (deterministic for a request id), the empty
 * userMessages section, the atomic create-and-charge, the event, and waking the workers.
 */
final class Submissions {

    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,120}");

    private final Ledger ledger;
    private final IdGenerator ids;
    private final Runnable wakeWorkers;

    Submissions(Ledger ledger, IdGenerator ids, Runnable wakeWorkers) {
        this.ledger = ledger;
        this.ids = ids;
        this.wakeWorkers = wakeWorkers;
    }

    /** A new id, or the same id every time for the same user and request id (so a retry is recognised). */
    GenerationId idFor(PassId passId, String requestId) {
        if (requestId == null) {
            return new GenerationId(ids.newId());
        }
        return new GenerationId(UUID.nameUUIDFromBytes((passId.value() + "\n" + requestId).getBytes(StandardCharsets.UTF_8))
                .toString());
    }

    /** Refuses an idempotency key that is not 1-120 plain characters (it ends up in ids and logs). */
    static void checkRequestId(String requestId) {
        if (requestId != null && !REQUEST_ID.matcher(requestId).matches()) {
            throw new InvalidInput("a request id is 1-120 letters, digits or . _ : -");
        }
    }

    /** Feedback text (a tweak, video feedback) stripped; refused when empty or longer than a brief may be. */
    static String feedbackText(String text) {
        String stripped = text == null ? "" : text.strip();
        if (stripped.isEmpty()) {
            throw new InvalidInput("say what to change (feedback is empty)");
        }
        if (stripped.length() > StillRequest.MAX_BRIEF) {
            throw new InvalidInput("feedback is at most " + StillRequest.MAX_BRIEF + " characters");
        }
        return stripped;
    }

    /** Creates and charges the generation (its cost is kept in {@code mg_meta.cost} for the refund). */
    CreateOutcome submit(GenerationId id, PassId passId, String sessionId, GenerationId parentId, MmaMode mode,
                         GenerationDocument document, Matcha cost, EventType event, GenerationId eventAbout, String eventText,
                         Instant at) {
        NewGeneration generation = new NewGeneration(id, passId, sessionId, parentId, mode, document,
                Json.obj("cost", cost.amount()), cost, at,
                new MmaEvent(ids.newId(), passId, event, eventAbout, eventText, Json.obj("generation_id", id.mgId()), at));
        CreateOutcome outcome = ledger.createGeneration(generation);
        if (outcome instanceof CreateOutcome.Created) {
            wakeWorkers.run();
        }
        return outcome;
    }
}
