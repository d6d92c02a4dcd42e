package me.minav3.mma.studio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.GenerationId;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.Matcha;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.MmaMode;
import me.minav3.mma.common.PassId;
import me.minav3.mma.generation.NewGeneration;
import me.minav3.mma.testing.MegaContract;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StudioEvents} keeps: events recorded once, and taste signals joined with their generation. Runs
 * against the fake and PostgreSQL.
 */
public abstract class StudioEventsContract extends MegaContract {

    @Test
    void eventsAreKeptAndTasteSignalsJoinTheirGeneration() {
        PassId passId = customerWith(1);
        GenerationId id = newId();
        stores.queue()
                .create(new NewGeneration(
                        id,
                        passId,
                        null,
                        null,
                        MmaMode.STILL,
                        doc(Json.obj(
                                "settings",
                                Json.obj("style", "Neon noir"),
                                "scans",
                                Json.obj("output_still_crt", "pink neon cup"))),
                        Json.obj(),
                        Matcha.of(1),
                        T0,
                        null));
        String eventId = UUID.randomUUID().toString();
        MmaEvent like = new MmaEvent(eventId, passId, EventType.LIKE, id, null, Json.obj(), T0.plusSeconds(1));
        stores.events().record(like);
        stores.events().record(like);
        java.util.List<MmaEvent> before = stores.events().about(id);
        stores.events()
                .record(new MmaEvent(
                        UUID.randomUUID().toString(),
                        passId,
                        EventType.DOWNLOAD,
                        id,
                        null,
                        Json.obj(),
                        T0.plusSeconds(2)));

        assertThat(stores.events().about(id))
                .extracting(MmaEvent::type)
                .containsExactly(EventType.LIKE, EventType.DOWNLOAD);
        assertThat(before).hasSize(1);
        List<TasteSignal> signals = stores.events().tasteSignals(passId, 10);
        assertThat(signals).extracting(TasteSignal::type).containsExactly(EventType.DOWNLOAD, EventType.LIKE);
        assertThat(signals.get(0).style()).isEqualTo("Neon noir");
        assertThat(signals.get(0).caption()).isEqualTo("pink neon cup");
        assertThat(stores.events().tasteSignals(passId, 1)).hasSize(1);
    }
}
