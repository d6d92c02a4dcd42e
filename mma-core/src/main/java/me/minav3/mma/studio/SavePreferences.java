package me.minav3.mma.studio;

import java.util.LinkedHashMap;
import me.minav3.mma.common.Clock;
import me.minav3.mma.common.EventType;
import me.minav3.mma.common.IdGenerator;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.MmaEvent;
import me.minav3.mma.common.PassId;
import me.minav3.mma.customers.Customer;
import me.minav3.mma.customers.CustomerProfile;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.customers.Preferences;

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
        events.record(new MmaEvent(
                ids.newId(),
                passId,
                EventType.PREFERENCE_SET,
                null,
                null,
                Json.obj(
                        "hard_blocks",
                        preferences.hardBlocks(),
                        "tag_weights",
                        new LinkedHashMap<>(preferences.tagWeights())),
                now));
        return saved;
    }
}
