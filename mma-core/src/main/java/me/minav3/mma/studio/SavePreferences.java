package me.minav3.mma.studio;

import java.util.LinkedHashMap;
import me.minav3.mma.domain.Customer;
import me.minav3.mma.domain.CustomerProfile;
import me.minav3.mma.domain.EventType;
import me.minav3.mma.domain.Json;
import me.minav3.mma.domain.MmaEvent;
import me.minav3.mma.domain.PassId;
import me.minav3.mma.domain.Preferences;
import me.minav3.mma.port.Clock;
import me.minav3.mma.port.CustomerStore;
import me.minav3.mma.port.IdGenerator;
import me.minav3.mma.port.StudioEvents;

/** Spec §12.4: the user's preference snapshot is replaced, and a {@code preference_set} event remembers it. */
public final class SavePreferences {

    private final CustomerStore customers;
    private final StudioEvents events;
    private final Clock clock;
    private final IdGenerator ids;

    public SavePreferences(CustomerStore customers, StudioEvents events, Clock clock, IdGenerator ids) {
        this.customers = customers;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
    }

    public Customer save(PassId passId, Preferences preferences) {
        var now = clock.now();
        customers.ensure(passId, CustomerProfile.NONE, now);
        Customer saved = customers.savePreferences(passId, preferences, now);
        events.record(new MmaEvent(ids.newId(), passId, EventType.PREFERENCE_SET, null, null,
                Json.obj("hard_blocks", preferences.hardBlocks(), "tag_weights", new LinkedHashMap<>(preferences.tagWeights())),
                now));
        return saved;
    }
}
