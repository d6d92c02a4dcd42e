package me.minav3.mma.taste;

import java.time.Instant;
import java.util.Map;
import me.minav3.mma.common.Json;
import me.minav3.mma.common.PassId;
import me.minav3.mma.config.ConfigKeys;
import me.minav3.mma.config.ConfigService;
import me.minav3.mma.customers.CustomerStore;
import me.minav3.mma.customers.Preferences;
import me.minav3.mma.studio.StudioEvents;
import org.jspecify.annotations.Nullable;

/**
 * What the next prompt would learn about the customer now (decision 031): the profile built from their current
 * likes, dislikes and downloads within the configured window ({@code mma.taste}) and their own preferences. The
 * Preferences screen shows it beside the hard blocks and tag weights the customer set.
 */
public final class ReadTaste {

    private final StudioEvents events;
    private final CustomerStore customers;
    private final ConfigService config;

    public ReadTaste(StudioEvents events, CustomerStore customers, ConfigService config) {
        this.events = events;
        this.customers = customers;
        this.config = config;
    }

    /** The window of signals {@code mma.taste} asks for: the large one with vision intelligence on. */
    public static int window(Map<String, Object> taste) {
        boolean vision = Json.bool(taste, "vision_intelligence", false);
        return (int) Json.number(taste, vision ? "large_window" : "small_window", vision ? 20 : 5);
    }

    /** The customer's own preferences (and when they saved them), and the profile the next prompt would read. */
    public record Taste(Preferences preferences, @Nullable Instant updatedAt, TasteProfile profile) {}

    public Taste of(PassId passId) {
        int window = window(config.value(ConfigKeys.TASTE));
        var customer = customers.find(passId);
        Preferences preferences = customer.map(c -> c.preferences()).orElse(Preferences.NONE);
        return new Taste(
                preferences,
                customer.map(c -> c.preferencesUpdatedAt()).orElse(null),
                TasteProfile.build(events.tasteSignals(passId, window), preferences, window));
    }
}
