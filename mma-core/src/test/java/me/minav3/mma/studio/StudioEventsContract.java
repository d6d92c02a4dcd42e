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
import me.minav3.mma.customers.Preferences;
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

    private GenerationId still(PassId passId, String style) {
        GenerationId id = newId();
        stores.queue()
                .create(new NewGeneration(
                        id,
                        passId,
                        null,
                        null,
                        MmaMode.STILL,
                        doc(Json.obj("settings", Json.obj("style", style))),
                        Json.obj(),
                        Matcha.of(1),
                        T0,
                        null));
        return id;
    }

    private void event(PassId passId, GenerationId id, EventType type, int second) {
        stores.events()
                .record(new MmaEvent(
                        UUID.randomUUID().toString(), passId, type, id, null, Json.obj(), T0.plusSeconds(second)));
    }

    @Test
    void theLaterReactionWinsAndAClearTakesItBack() {
        PassId passId = customerWith(3);
        GenerationId liked = still(passId, "Pastel");
        GenerationId changed = still(passId, "Neon");
        GenerationId cleared = still(passId, "Chrome");
        event(passId, liked, EventType.LIKE, 1);
        event(passId, changed, EventType.LIKE, 2);
        event(passId, changed, EventType.DISLIKE, 3);
        event(passId, cleared, EventType.DISLIKE, 4);
        event(passId, cleared, EventType.CLEAR, 5);

        List<TasteSignal> signals = stores.events().tasteSignals(passId, 10);
        assertThat(signals)
                .extracting(TasteSignal::type, TasteSignal::style)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(EventType.DISLIKE, "Neon"),
                        org.assertj.core.groups.Tuple.tuple(EventType.LIKE, "Pastel"));
        assertThat(stores.events().reactions(passId, List.of(liked, changed, cleared)))
                .containsExactlyInAnyOrderEntriesOf(
                        java.util.Map.of(liked, EventType.LIKE, changed, EventType.DISLIKE));
        assertThat(stores.events().reactions(customerWith(1), List.of(liked))).isEmpty();

        event(passId, cleared, EventType.LIKE, 6);
        assertThat(stores.events().reactions(passId, List.of(cleared))).containsEntry(cleared, EventType.LIKE);
        assertThat(stores.events().about(cleared)).hasSize(3); // nothing is rewritten
    }

    @Test
    void aGenerationDownloadedTwiceIsOneSignalBesideItsReaction() {
        PassId passId = customerWith(2);
        GenerationId id = still(passId, "Pastel");
        event(passId, id, EventType.DOWNLOAD, 1);
        event(passId, id, EventType.DOWNLOAD, 2);
        event(passId, id, EventType.LIKE, 3);

        assertThat(stores.events().tasteSignals(passId, 10))
                .extracting(TasteSignal::type)
                .containsExactly(EventType.LIKE, EventType.DOWNLOAD);
    }

    /** The stages' one read: the customer's own preferences beside exactly what {@code tasteSignals} answers. */
    @Test
    void tasteInputsAreThePreferencesAndTheSignalsReadTogether() {
        PassId passId = customerWith(3);
        assertThat(stores.events().tasteInputs(passId, 10))
                .as("no preferences saved, no signals yet")
                .isEqualTo(new StudioEvents.TasteInputs(Preferences.NONE, List.of()));

        Preferences mine = new Preferences(List.of("text"), java.util.Map.of("pastel", 0.8, "neon", -0.4));
        stores.customers().savePreferences(passId, mine, T0);
        GenerationId liked = still(passId, "Pastel");
        GenerationId disliked = still(passId, "Neon");
        event(passId, liked, EventType.LIKE, 1);
        event(passId, disliked, EventType.DISLIKE, 2);
        event(passId, liked, EventType.DOWNLOAD, 3);

        StudioEvents.TasteInputs read = stores.events().tasteInputs(passId, 10);
        assertThat(read.preferences()).isEqualTo(mine);
        assertThat(read.signals())
                .isEqualTo(stores.events().tasteSignals(passId, 10))
                .hasSize(3);
        assertThat(stores.events().tasteInputs(passId, 2).signals())
                .isEqualTo(stores.events().tasteSignals(passId, 2))
                .hasSize(2);
        assertThat(stores.events().tasteInputs(PassId.user("nobody-" + UUID.randomUUID()), 10))
                .as("no customer row")
                .isEqualTo(new StudioEvents.TasteInputs(Preferences.NONE, List.of()));
    }
}
