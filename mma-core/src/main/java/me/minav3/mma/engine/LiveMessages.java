package me.minav3.mma.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaStatus;
import me.minav3.mma.generation.GenerationDocument.UserMessages;
import org.jspecify.annotations.Nullable;

/**
 * The friendly lines and status changes of one running generation. Each line is written into
 * the document's user messages first (so the next database write stores it and a refreshed page can replay it)
 * and published to live subscribers only after that write committed ({@link #flush()}).
 */
final class LiveMessages {

    private final GenerationId id;
    private final WorkingDocument document;
    private final UserMessageSink sink;
    private final Clock clock;
    private final List<LiveEvent> pending = new ArrayList<>();

    LiveMessages(GenerationId id, WorkingDocument document, UserMessageSink sink, Clock clock) {
        this.id = id;
        this.document = document;
        this.sink = sink;
        this.clock = clock;
    }

    private long lastSeq() {
        return document.get().messages().lines().size();
    }

    /** A friendly line (ignored when blank). */
    void line(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        long seq = lastSeq() + 1;
        var at = clock.now();
        var line = new UserMessages.Line(seq, text.strip(), at);
        document.update(d -> d.withUserMessages(d.messages().withLine(line)));
        pending.add(new LiveEvent(id, seq, LiveEvent.Type.MESSAGE, text.strip(), Json.obj(), at));
    }

    void status(MmaStatus status) {
        pending.add(new LiveEvent(
                id, lastSeq(), LiveEvent.Type.STATUS, status.wire(), Json.obj("status", status.wire()), clock.now()));
    }

    void done(Map<String, Object> data) {
        pending.add(new LiveEvent(id, lastSeq(), LiveEvent.Type.DONE, "", data, clock.now()));
    }

    /** Publishes what was written; call after the write that stored it committed. */
    void flush() {
        if (!pending.isEmpty()) {
            sink.publishAll(List.copyOf(pending));
            pending.clear();
        }
    }

    /** Drops what was not stored (the write was refused: another worker owns the job). */
    void discard() {
        pending.clear();
    }
}
