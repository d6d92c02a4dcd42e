package me.minav3.mma.engine;

/**
 * Where live pipeline lines go as they happen (SSE subscribers, possibly in another process). The lines are
 * also kept in the generation's {@code mg_mma_vars.userMessages}, so a missed event is never lost: a
 * subscriber replays the stored lines first.
 */
@FunctionalInterface
public interface UserMessageSink {

    void publish(LiveEvent event);

    /** Several events that were stored by one write, in order (a sink may send them together). */
    default void publishAll(java.util.List<LiveEvent> events) {
        events.forEach(this::publish);
    }

    UserMessageSink NONE = event -> {};
}
